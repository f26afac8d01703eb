/**
 * A work's manifest entry from what the file states and what the organiser typed: the organiser's
 * values win, the file's fill the rest, and the id is a slug of the title that no other work in
 * the collection (bundled works included) already has.
 */
import { LANGS, type Lang } from '../corpus/model.ts';
import { russianToLatin } from '../cyrillic-latin.ts';
import { ManifestWork, WorkType, type Person } from '../corpus/manifest.ts';
import { libraryErrors } from './errors.ts';
import type { ExtractedMetadata, LibraryFormat } from './extract/types.ts';

export interface MetaOverrides {
  title?: string;
  /** One name per author, "Given Family" or "Family, Given". */
  authors?: string[];
  year?: string;
  type?: WorkType;
}

export const UNKNOWN_AUTHOR = 'Unknown author';

/** Lower-case ASCII slug; Cyrillic is transliterated so that Russian titles give readable ids. */
export function slugify(text: string, max = 48): string {
  const ascii = russianToLatin(text.toLowerCase()).normalize('NFKD').replace(/\p{M}/gu, '');
  const words = ascii.split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  // Whole words only: "the-cooperative-movement-in-the" rather than "…-provin".
  for (const w of words) {
    if (slug && slug.length + 1 + w.length > max) break;
    slug = slug ? `${slug}-${w}` : w.slice(0, max);
  }
  return slug;
}

export function uniqueId(title: string, taken: ReadonlySet<string>): string {
  const base = slugify(title) || 'text';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** "Smith, John" and "John Smith" to family and given names; long or odd names stay whole. */
export function personFromName(raw: string): Person {
  const name = raw.replace(/\s+/g, ' ').trim();
  const inverted = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (inverted) return { family: inverted[1]!.trim(), given: inverted[2]!.trim() };
  const words = name.split(' ');
  if (words.length === 1 || words.length > 4 || /\b(press|society|institute|university|committee|party|association|ltd|inc)\b/i.test(name) || name === UNKNOWN_AUTHOR) {
    return { literal: name };
  }
  return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') };
}

const langOf = (s: string | undefined): Lang | undefined => (s && (LANGS as readonly string[]).includes(s) ? (s as Lang) : undefined);

export interface DraftInput {
  format: LibraryFormat;
  fileName: string;
  storedFile: string;
  metadata: ExtractedMetadata;
  overrides: MetaOverrides;
  takenIds: ReadonlySet<string>;
  pages?: number;
  textLength: number;
  actor: string;
  addedAt: string;
}

export function defaultType(format: LibraryFormat, pages: number | undefined, textLength: number): WorkType {
  if (format === 'epub') return 'book';
  if (format === 'pdf') return (pages ?? 0) >= 40 ? 'book' : 'article';
  if (format === 'text') return textLength > 150_000 ? 'book' : 'article';
  return 'article';
}

export function checkOverrides(o: MetaOverrides): void {
  if (o.title !== undefined && (o.title.trim() === '' || o.title.length > 300)) throw libraryErrors.badMetadata('The title must have 1 to 300 characters.');
  if (o.year !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(o.year.trim())) throw libraryErrors.badMetadata(`"${o.year.slice(0, 20)}" is not a year: give four digits, as in 1931 (or 1931-03, 1931-03-01).`);
  if (o.authors && o.authors.some((a) => a.trim() === '' || a.length > 200)) throw libraryErrors.badMetadata('Each author name must have 1 to 200 characters.');
}

export function draftMeta(input: DraftInput): ManifestWork {
  const { metadata, overrides } = input;
  checkOverrides(overrides);
  const fromName = input.fileName.replace(/\.[a-z0-9]{1,8}$/i, '').replace(/[_]+/g, ' ').trim();
  const title = overrides.title?.trim() || metadata.title || fromName || 'Untitled text';
  const names = overrides.authors?.length ? overrides.authors : metadata.authors?.length ? metadata.authors : [UNKNOWN_AUTHOR];
  const date = overrides.year?.trim() ?? metadata.date;
  const dateBasis = overrides.year ? `given by ${input.actor} when adding the file` : (metadata.basis ?? 'the file');
  const lang = langOf(metadata.language);
  const meta: ManifestWork = {
    id: uniqueId(title, input.takenIds),
    file: input.storedFile,
    type: overrides.type ?? defaultType(input.format, input.pages, input.textLength),
    title,
    authors: names.map(personFromName),
    ...(date ? { date: { value: date, inferred: false, basis: dateBasis } } : {}),
    ...(metadata.publisher ? { publisher: metadata.publisher } : {}),
    identifiers: { isbn: [] },
    ...(input.pages ? { pages: input.pages } : {}),
    languages: [lang ?? 'und'],
    notes: [`Added by ${input.actor} on ${input.addedAt.slice(0, 10)} from "${input.fileName.slice(0, 120)}" (${input.format.toUpperCase()}).`],
    about: [],
  };
  return ManifestWork.parse(meta);
}

/** The same entry with the organiser's corrections (title, authors, year, type). */
export function editMeta(meta: ManifestWork, o: MetaOverrides, actor: string): ManifestWork {
  checkOverrides(o);
  return ManifestWork.parse({
    ...meta,
    ...(o.title ? { title: o.title.trim() } : {}),
    ...(o.authors?.length ? { authors: o.authors.map(personFromName) } : {}),
    ...(o.year ? { date: { value: o.year.trim(), inferred: false, basis: `given by ${actor}` } } : {}),
    ...(o.type ? { type: o.type } : {}),
  });
}
