/**
 * Lectern's own bibliographic record. CSL-JSON has one title, so it cannot carry a Russian title in
 * Cyrillic together with its transliteration and its translation; the record keeps all three and
 * `toCsl` derives the CSL item every style and export is made from. The bracketed
 * transliteration/translation is added by the rendering layer (format.ts), not here.
 */
import { UserError } from '../errors.ts';

export const RECORD_TYPES = [
  'book',
  'chapter',
  'article-journal',
  'article-newspaper',
  'speech',
  'webpage',
  'manuscript',
  'report',
  'document',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface BibName {
  family?: string;
  given?: string;
  /** An organisation, or a name that must not be split. */
  literal?: string;
}

export interface BibDate {
  year: number;
  month?: number;
  day?: number;
  /** The text does not state the year; it was worked out. Styles show it as [2014]. */
  inferred?: boolean;
}

export interface BibRecord {
  /** Stable id, e.g. "trotskys-lies" or "trotskys-lies/bib/42". */
  id: string;
  type: RecordType;
  authors: BibName[];
  editors?: BibName[];
  /** In its original script: Russian titles stay Cyrillic. */
  title?: string;
  /** e.g. "Tainy Kremlia". */
  titleTranslit?: string;
  /** e.g. "Secrets of the Kremlin". */
  titleTranslated?: string;
  containerTitle?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  publisher?: string;
  place?: string;
  edition?: string;
  issued?: BibDate;
  isbn?: string;
  url?: string;
  /** YYYY-MM-DD. */
  accessed?: string;
  /** ISO 639-1 code ("en", "ru"); styles only title-case English titles. */
  language?: string;
  note?: string;
  /** For speeches: the meeting. */
  event?: string;
  /**
   * What kind of item it is, in lower case ("talk", "publisher's page"): styles capitalise it at the
   * start of a sentence and print it as given inside a note.
   */
  genre?: string;
}

type CslDate = { 'date-parts': number[][] };
type CslName = { family?: string; given?: string; literal?: string };

/** The CSL-JSON 1.0.1 item citeproc reads. `event` is written under both of its names. */
export interface CslItem {
  id: string;
  type: string;
  author?: CslName[];
  editor?: CslName[];
  title?: string;
  'container-title'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  publisher?: string;
  'publisher-place'?: string;
  'event-place'?: string;
  edition?: string;
  issued?: CslDate;
  'event-date'?: CslDate;
  ISBN?: string;
  URL?: string;
  accessed?: CslDate;
  language?: string;
  note?: string;
  event?: string;
  'event-title'?: string;
  genre?: string;
  'citation-key'?: string;
}

const nonEmpty = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};

function cslName(name: BibName): CslName {
  const literal = nonEmpty(name.literal);
  if (literal) return { literal };
  const out: CslName = {};
  const family = nonEmpty(name.family);
  const given = nonEmpty(name.given);
  if (family) out.family = family;
  if (given) out.given = given;
  return out;
}

const names = (list: BibName[] | undefined): CslName[] | undefined => {
  const mapped = (list ?? []).map(cslName).filter((n) => n.family || n.literal || n.given);
  return mapped.length ? mapped : undefined;
};

export function cslDate(date: Pick<BibDate, 'year' | 'month' | 'day'>): CslDate {
  const parts = [date.year];
  if (date.month !== undefined) {
    parts.push(date.month);
    if (date.day !== undefined) parts.push(date.day);
  }
  return { 'date-parts': [parts] };
}

/** "2024-01-02", "2024-01" or "2024" as a CSL date; anything else is dropped rather than guessed. */
function isoDate(text: string | undefined): CslDate | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  return cslDate({
    year: Number(m[1]),
    ...(m[2] ? { month: Number(m[2]) } : {}),
    ...(m[3] ? { day: Number(m[3]) } : {}),
  });
}

/** The title a style shows first: the original, or failing that the transliteration or translation. */
export const mainTitle = (r: BibRecord): string | undefined =>
  nonEmpty(r.title) ?? nonEmpty(r.titleTranslit) ?? nonEmpty(r.titleTranslated);

/** What goes in brackets after the main title: "Tainy Kremlia; Secrets of the Kremlin". */
export function titleGloss(r: BibRecord): string | undefined {
  const main = mainTitle(r);
  const parts = [nonEmpty(r.titleTranslit), nonEmpty(r.titleTranslated)].filter(
    (p): p is string => p !== undefined && p !== main,
  );
  return parts.length ? parts.join('; ') : undefined;
}

const STRING_FIELDS = [
  'title',
  'titleTranslit',
  'titleTranslated',
  'containerTitle',
  'volume',
  'issue',
  'pages',
  'publisher',
  'place',
  'edition',
  'isbn',
  'url',
  'accessed',
  'language',
  'note',
  'event',
  'genre',
] as const satisfies readonly (keyof BibRecord)[];
const NAME_PARTS = ['family', 'given', 'literal'] as const;
const isOptionalString = (v: unknown) => v === undefined || typeof v === 'string';

/** Rejects records no style can format, naming each problem. */
export function checkRecord(record: unknown): asserts record is BibRecord {
  const problems: string[] = [];
  const r = record as Partial<BibRecord> | null;
  if (!r || typeof r !== 'object') {
    throw new UserError('cite.invalid-record', 'A reference must be an object with an id, a type and authors.');
  }
  if (typeof r.id !== 'string' || !r.id.trim()) problems.push('id must be a non-empty string');
  if (!RECORD_TYPES.includes(r.type as RecordType)) {
    problems.push(`type "${String(r.type)}" is not one of ${RECORD_TYPES.join(', ')}`);
  }
  if (!Array.isArray(r.authors)) problems.push('authors must be a list (it may be empty)');
  for (const key of ['authors', 'editors'] as const) {
    const list = r[key];
    if (Array.isArray(list) && list.some((n) => !n || typeof n !== 'object' || NAME_PARTS.some((p) => !isOptionalString(n[p])))) {
      problems.push(`${key} must hold names with family, given or literal text`);
    }
  }
  const wrong = STRING_FIELDS.filter((key) => !isOptionalString(r[key]));
  if (wrong.length) problems.push(`${wrong.join(', ')} must be text`);
  if (r.issued !== undefined) {
    const { year, month, day } = r.issued ?? ({} as Partial<BibDate>);
    const within = (v: unknown, max: number) => v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max);
    if (!(Number.isInteger(year) && (year ?? 0) > 0)) problems.push('issued.year must be a positive whole number');
    if (!within(month, 12) || !within(day, 31) || (day !== undefined && month === undefined)) {
      problems.push('issued.month must be 1–12 and issued.day 1–31, a day only with a month');
    }
  }
  if (problems.length) {
    const label = typeof r.id === 'string' && r.id ? ` "${r.id}"` : '';
    throw new UserError('cite.invalid-record', `Cannot format reference${label}: ${problems.join('; ')}.`);
  }
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
const ROMAN_NUMERAL = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/**
 * A volume in Roman numerals in Arabic ones ("Soviet Studies XXXVIII" → 38), as Chicago (14.171),
 * MLA and APA all ask; citeproc reads a volume that is not a number as text, and Chicago's
 * author-date style then printed it twice ("XXXVIII (1): XXXVIII, 24–35").
 */
export function arabicVolume(volume: string | undefined): string | undefined {
  if (!volume || !ROMAN_NUMERAL.test(volume)) return volume;
  let total = 0;
  for (let i = 0; i < volume.length; i++) {
    const v = ROMAN[volume[i]!]!;
    total += v < (ROMAN[volume[i + 1] ?? ''] ?? 0) ? -v : v;
  }
  return String(total);
}

/** The CSL item for a record, every field mapped; the main title only (see `titleGloss`). */
export function toCsl(record: BibRecord): CslItem {
  const item: CslItem = { id: record.id, type: record.type };
  const set = <K extends keyof CslItem>(key: K, value: CslItem[K] | undefined) => {
    if (value !== undefined) item[key] = value;
  };
  set('author', names(record.authors));
  set('editor', names(record.editors));
  set('title', mainTitle(record));
  set('container-title', nonEmpty(record.containerTitle));
  set('volume', arabicVolume(nonEmpty(record.volume)));
  set('issue', nonEmpty(record.issue));
  set('page', nonEmpty(record.pages));
  set('publisher', nonEmpty(record.publisher));
  // A talk's place is where it was given; styles print `event-place` for speeches.
  set(record.type === 'speech' ? 'event-place' : 'publisher-place', nonEmpty(record.place));
  set('edition', nonEmpty(record.edition));
  if (record.issued) set('issued', cslDate(record.issued));
  set('ISBN', nonEmpty(record.isbn));
  set('URL', nonEmpty(record.url));
  set('accessed', isoDate(record.accessed));
  const language = nonEmpty(record.language);
  if (language && language !== 'und') set('language', language);
  set('note', nonEmpty(record.note));
  // citeproc-js 1.4 reads `event`, APA 7 prefers CSL 1.0.2's `event-title`: give both.
  set('event', nonEmpty(record.event));
  set('event-title', nonEmpty(record.event));
  set('genre', nonEmpty(record.genre));
  return item;
}
