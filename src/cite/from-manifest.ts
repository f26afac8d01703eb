/**
 * A corpus work as a BibRecord: only what the manifest states, an inferred date kept marked as
 * inferred. Notes about the text file (OCR, missing footnotes) are not bibliographic and are left out.
 */
import type { ManifestWork, WorkType } from '../corpus/manifest.ts';
import type { BibDate, BibRecord, RecordType } from './record.ts';

const TYPES: Record<WorkType, RecordType> = {
  book: 'book',
  // A standalone essay with no publisher: a generic document, not a preprint or a manuscript.
  essay: 'document',
  article: 'article-journal',
  speech: 'speech',
  'web-page': 'webpage',
};

function issuedOf(date: ManifestWork['date']): BibDate | undefined {
  const m = date ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.value) : null;
  if (!date || !m) return undefined;
  return {
    year: Number(m[1]),
    ...(m[2] ? { month: Number(m[2]) } : {}),
    ...(m[3] ? { day: Number(m[3]) } : {}),
    ...(date.inferred ? { inferred: true } : {}),
  };
}

/**
 * Styles capitalise a genre where a sentence starts and print it as given inside a note, so it is
 * stored in lower case ("publisher's page"); an initial that starts an acronym ("PDF") is kept.
 */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

export function recordFromManifestWork(work: ManifestWork): BibRecord {
  const type = TYPES[work.type];
  const record: BibRecord = {
    id: work.id,
    type,
    authors: work.authors.map((p) =>
      p.literal ? { literal: p.literal } : { ...(p.family ? { family: p.family } : {}), ...(p.given ? { given: p.given } : {}) },
    ),
    // A web page's "subtitle" describes the page ("Publisher's page"); styles print that as its genre.
    title: work.subtitle && type !== 'webpage' ? `${work.title}: ${work.subtitle}` : work.title,
  };
  if (work.subtitle && type === 'webpage') record.genre = lowerFirst(work.subtitle);
  const issued = issuedOf(work.date);
  if (issued) record.issued = issued;
  if (work.publisher) record.publisher = work.publisher;
  if (work.place) record.place = work.place;
  if (work.edition) record.edition = work.edition;
  const isbn = work.identifiers.isbn[0];
  if (isbn) record.isbn = isbn;
  if (work.containerTitle) record.containerTitle = work.containerTitle;
  if (work.event) record.event = work.event;
  const language = work.languages[0];
  if (language && language !== 'und') record.language = language;
  // What a publisher's page sells is worth keeping with the reference, but it is not the page itself.
  const about = work.about.filter((a) => a.kind === 'book').map((a) => a.note);
  if (about.length) record.note = about.join(' ');
  return record;
}
