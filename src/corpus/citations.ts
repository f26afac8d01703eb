/**
 * In-text citations: finding them in a passage and resolving them to the bibliography entry they
 * point at. Used at ingestion (every passage's citations are linked once) and by /source, which
 * resolves a short form typed by a user with the same rules. A citation the bibliography does not
 * list is reported as such, with the closest candidates; an entry is never invented or substituted.
 */
export interface EntryLike {
  id: string;
  text: string;
  authors: string[];
  title?: string | undefined;
  year?: string | undefined;
  siglum?: string | undefined;
  duplicateOf?: string | undefined;
}

export type CitationKindName = 'siglum' | 'author-date' | 'author-title' | 'ibid' | 'page' | 'wlt' | 'bo' | 'title';

export interface FoundCitation {
  text: string;
  kind: CitationKindName;
  label: string;
  pinpoint?: string;
  year?: string;
  index: number;
}

export interface Resolution {
  entry: string | null;
  score: number;
  candidates: { id: string; score: number }[];
  note?: string;
}

export const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ʹ'’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const key = (s: string) => norm(s).replace(/\s+/g, '');

function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

const families = (e: EntryLike) =>
  e.authors
    .map((a) => key(a.split(',')[0]!.replace(/\(.*?\)/g, '').split(/\s+/).length > 1 && !a.includes(',') ? a.split(/\s+/).at(-1)! : a.split(',')[0]!))
    .filter(Boolean);

const ABBREVIATIONS: [RegExp, string][] = [
  [/^WLT$/i, 'writings of leon trotsky'],
  [/^(B\.?\s?O\.?|В\.?\s?О\.?)$/u, 'biulleten oppozitsii'],
];

/**
 * Scores every entry against a label such as "Main", "Furr Kirov", "Broué Léon Sedov",
 * "Holmström, New Evidence" or "Rogovin, 2009" and returns the best when it is clear.
 */
export function resolveLabel(label: string, entries: EntryLike[], options: { year?: string; context?: string } = {}): Resolution {
  let text = label.trim().replace(/^(see also|see|cf\.?)\s+/i, '').replace(/[.,;:]+$/, '');
  for (const [re, full] of ABBREVIATIONS) if (re.test(text)) text = full;
  const labelKey = key(text);
  const labelTokens = norm(text).split(' ').filter(Boolean);
  const context = options.context ? norm(options.context) : '';
  if (!labelKey) return { entry: null, score: 0, candidates: [] };

  const scored = entries
    .filter((e) => !e.duplicateOf)
    .map((e) => {
      const sig = e.siglum ? key(e.siglum) : '';
      const sigTitle = e.siglum && e.siglum.includes(',') ? key(e.siglum.split(',').slice(1).join(',')) : '';
      const fams = families(e);
      const titleNorm = norm(e.title ?? '');
      const titleTokens = titleNorm.split(' ').filter(Boolean);
      const restTokens = labelTokens.filter((t) => !fams.includes(t) && t !== 'and');
      const authorHit = restTokens.length < labelTokens.length;
      const restKey = restTokens.join('');
      let score = 0;
      if (sig && labelKey === sig) score = 100;
      else if (sig && authorHit && restKey && (restKey === sig || restKey === sigTitle)) score = 95;
      else if (sigTitle && labelKey === sigTitle) score = 88;
      else if (sig && labelKey.length >= 6 && editDistance(labelKey, sig, 2) <= 2) score = 85;
      else if (sig && authorHit && restKey.length >= 6 && editDistance(restKey, sigTitle || sig, 2) <= 2) score = 84;
      if (options.year && authorHit && e.year === options.year) score = Math.max(score, restTokens.length === 0 ? 96 : 90);
      // An author-date citation names its year: another year is another work.
      if (options.year && e.year !== options.year) score = Math.min(score, 40);
      if (score < 70 && restTokens.length && titleTokens.length) {
        const rest = restTokens.join(' ');
        const starts = titleNorm.startsWith(rest);
        const contains = ` ${titleNorm} `.includes(` ${rest} `);
        if (starts || contains) score = Math.max(score, (authorHit ? 80 : 68) + (starts ? 4 : 0));
      }
      if (score < 50 && authorHit && restTokens.length === 0) score = 50;
      if (score > 0 && context && fams.some((f) => f.length > 3 && context.includes(f))) score += 3;
      return { id: e.id, score };
    })
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);

  const top = scored[0];
  const second = scored[1];
  const clear = top !== undefined && top.score >= 60 && (!second || top.score - second.score >= 3);
  return { entry: clear ? top.id : null, score: top?.score ?? 0, candidates: scored.slice(0, 5) };
}

/** Which volumes of a serial the entry covers, from the years it names: "[1934-1935]", "1929-1940". */
function coversYears(entry: EntryLike, volume: string): boolean {
  const span = /(\d{4})\s*[-–]\s*(\d{2,4})/.exec(entry.title ?? entry.text);
  const years = volume.match(/\d{2,4}/g)?.map((y) => (y.length === 2 ? 1900 + Number(y) : Number(y))) ?? [];
  if (!span || years.length === 0) return false;
  const from = Number(span[1]);
  let to = Number(span[2]);
  if (to < 100) to += 1900;
  return years.every((y) => y >= from && y <= to);
}

export function resolveCitation(
  c: FoundCitation,
  entries: EntryLike[],
  context: { text?: string; previous?: Resolution | null } = {},
): Resolution {
  // Ibid. and a bare page follow the previous citation, resolved or not.
  if (c.kind === 'ibid' || c.kind === 'page') return context.previous ?? { entry: null, score: 0, candidates: [] };
  if (c.kind === 'wlt') {
    const wlt = entries.filter((e) => !e.duplicateOf && /writings of leon trotsky/i.test(e.title ?? e.text));
    const hit = wlt.find((e) => coversYears(e, c.label.replace(/^WLT\s*/i, '')));
    if (hit) return { entry: hit.id, score: 100, candidates: [{ id: hit.id, score: 100 }] };
    return {
      entry: null,
      score: 0,
      candidates: wlt.map((e) => ({ id: e.id, score: 50 })),
      note: wlt.length ? 'the bibliography lists Writings of Leon Trotsky only for other years' : undefined,
    };
  }
  if (c.kind === 'bo') return resolveLabel('B.O.', entries);
  return resolveLabel(c.label, entries, { year: c.year, context: context.text });
}

const NOT_A_CITATION = /^(?:(?:sic|col\.|cols\.|emphasis|italics|russian|in russian|english|french|see below|see above|ibid|the |a |an |i\.e\.|e\.g\.|for |in |on |at |part |chapter |note )|[="“«'‘])/iu;
const STARTS_LOWER = /^\p{Ll}/u;
const MONTH = /^(january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|fall|winter)\b/i;

export function findCitations(text: string): FoundCitation[] {
  const out: FoundCitation[] = [];
  const taken: [number, number][] = [];
  const add = (c: FoundCitation, len: number) => {
    if (taken.some(([a, b]) => c.index < b && c.index + len > a)) return;
    taken.push([c.index, c.index + len]);
    out.push(c);
  };
  for (const m of text.matchAll(/\(([\p{Lu}][\p{L}'’-]+(?:\s(?:&|and)\s[\p{Lu}][\p{L}'’-]+)?),\s*(\d{4}[a-z]?)(?:,\s*pp?\.\s*([\d–-]+))?\)/gu)) {
    add({ text: m[0], kind: 'author-date', label: m[1]!, year: m[2]!, pinpoint: m[3], index: m.index! }, m[0].length);
  }
  for (const m of text.matchAll(/\bWLT\s+('?\d{2,4}(?:\s*[-–]\s*'?\d{2,4})?)(?:,?\s*(?:pp?\.\s*)?(\d+(?:\s*[-–]\s*\d+)?))?/g)) {
    add({ text: m[0].trim(), kind: 'wlt', label: `WLT ${m[1]}`, pinpoint: m[2], index: m.index! }, m[0].length);
  }
  for (const m of text.matchAll(/(?<![\p{L}])(?:B\.O\.|В\.О\.)\s*(#{1,2}\s*\d+(?:\s*[-–]\s*\d+)?)?/gu)) {
    if (!m[1]) continue;
    add({ text: m[0].trim(), kind: 'bo', label: 'B.O.', pinpoint: m[1].replace(/\s+/g, ''), index: m.index! }, m[0].length);
  }
  for (const m of text.matchAll(/\bIbid\.?(?:,?\s*(?:pp?\.\s*)?(\d+(?:\s*[-–]\s*\d+)?))?/g)) {
    add({ text: m[0].trim(), kind: 'ibid', label: 'Ibid.', pinpoint: m[1], index: m.index! }, m[0].length);
  }
  for (const m of text.matchAll(/\(([^()]{1,70})\)/gu)) {
    const inner = m[1]!.trim();
    const pageOnly = /^(?:pp?\.\s*)?(\d{1,4}(?:\s*[-–]\s*\d{1,4})?)\.?$/.exec(inner);
    if (pageOnly) {
      if (!/^\d{4}(?:\s*[-–]\s*\d{4})?$/.test(pageOnly[1]!)) add({ text: m[0], kind: 'page', label: '', pinpoint: pageOnly[1]!, index: m.index! }, m[0].length);
      continue;
    }
    const short = /^(.*?\p{L}[^,]*?)(?:,\s*|\s+)((?:Chapter|chap\.|ch\.)\s*\d+|(?:pp?\.\s*)?\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:\s*note\s*\d+)?)\.?$/u.exec(inner);
    const label = (short ? short[1]! : inner).trim();
    if (/\b(U\.P\.|Press|University|eds?\.)/.test(label)) continue;
    if (NOT_A_CITATION.test(label) || STARTS_LOWER.test(label) || MONTH.test(label) || label.split(/\s+/).length > 6) continue;
    if (/^\d{4}$/.test(label) && !short) continue;
    add({ text: m[0], kind: 'siglum', label, pinpoint: short?.[2], index: m.index! }, m[0].length);
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * A footnote that is itself a short citation ("Holmström, New Evidence.", "Lenoe 436-445.",
 * "Trotsky, "Zinoviev And Kamenev" (1937). At http…"): its parts, each to be resolved.
 */
export function footnoteShortForms(body: string): FoundCitation[] {
  const stripped = body.replace(/\s+(At|at|Online at)\s+https?:\/\/\S+.*$/s, '').replace(/https?:\/\/\S+/g, '').trim();
  if (stripped.length > 110) return [];
  const out: FoundCitation[] = [];
  let offset = 0;
  for (const part0 of stripped.split(';')) {
    const part = part0.trim().replace(/^(See also|See|Cf\.)\s+/i, '');
    const index = body.indexOf(part0.trim(), offset);
    offset = Math.max(offset, index + 1);
    const titled = /^([\p{Lu}][\p{L}'’-]+),\s*["“]([^"”]+)["”]\s*(?:\((\d{4})\))?/u.exec(part);
    if (titled) {
      out.push({ text: titled[0], kind: 'author-title', label: `${titled[1]} ${titled[2]}`, year: titled[3], index: Math.max(0, index) });
      continue;
    }
    const m = /^([\p{Lu}][^;]*?\p{L}[^;,]*?)(?:[.,]?\s+(?:pp?\.\s*)?(\d{1,4}(?:\s*[-–]\s*\d{1,4})?))?\.?$/u.exec(part);
    if (m && m[1]!.split(/\s+/).length <= 7 && !/^(This|The|I|In|It|We|He|A|An|On|For)\b/.test(m[1]!)) {
      out.push({ text: part.replace(/\.$/, ''), kind: 'siglum', label: m[1]!.replace(/,$/, ''), pinpoint: m[2], index: Math.max(0, index) });
    }
  }
  return out;
}
