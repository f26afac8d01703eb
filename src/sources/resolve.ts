/**
 * /source: what a piece of text refers to. It may name a work of the corpus (title, author, id),
 * be a short citation as a text writes it ("(Vozhdy 250)", "WLT '29, p. 38", "B.O. #42",
 * "(Rogovin, 2009, p. 189)"), an "Ibid." or a bare page read in a passage, or free words from an
 * entry. The answer is the entry the bibliography gives, or "not in the bibliography" with the
 * closest candidates; an entry is never invented or substituted.
 */
import { findCitations, norm, resolveCitation, type FoundCitation, type Resolution } from '../corpus/citations.ts';
import { authorLine, type Corpus } from '../corpus/corpus.ts';
import type { BibEntry, Block, Citation } from '../corpus/model.ts';
import type { WorkBuild } from '../corpus/work.ts';
import { UserError } from '../errors.ts';

export const SOURCE_QUERY_MAX = 500;

export interface SourceCandidate {
  entry?: BibEntry;
  work: WorkBuild;
  score: number;
}

export interface SourceAnswer {
  query: string;
  resolved: boolean;
  kind: 'work' | 'entry' | 'author' | 'none';
  /** The work found, or the work whose bibliography lists the entry. */
  work?: WorkBuild;
  entry?: BibEntry;
  /** The page (or chapter) the short form asks for. */
  pinpoint?: string;
  citedIn: string[];
  candidates: SourceCandidate[];
  /** Why it did not resolve, in words. */
  note?: string;
  /** False when the entry was matched by part of the citation only (its author and some title words): the reply says so. */
  certain?: boolean;
  /** For Ibid. and bare pages: the citation they follow, as written, and where. */
  refersTo?: { text: string; block: string };
  /** For an author: every work of theirs the corpus and its bibliographies list, best first. */
  authorWorks?: SourceCandidate[];
}

export interface SourceContext {
  /** A passage the text was read in: Ibid. and bare pages resolve against its citations. */
  passage?: string;
  /** The work the question is about (a thread's work), preferred when several fit. */
  workId?: string;
  /** The last citation given in a discussion thread. */
  lastCitation?: { workId: string; entryId?: string; text: string };
}

const tokens = (s: string) => norm(s).split(' ').filter((t) => t.length > 1);

function workScore(query: string, w: WorkBuild): number {
  const q = norm(query);
  if (!q) return 0;
  if (q === norm(w.meta.id) || q === norm(w.meta.title) || (w.meta.shortTitle && q === norm(w.meta.shortTitle))) return 100;
  const hay = new Set(tokens(`${w.meta.title} ${w.meta.shortTitle ?? ''} ${w.meta.id} ${authorLine(w.meta)}`));
  const qt = tokens(query);
  if (!qt.length) return 0;
  let hit = 0;
  for (const t of qt) {
    if (hay.has(t)) hit++;
    else if ([...hay].some((h) => h.length > 4 && t.length > 4 && levenshtein(h, t) <= 1)) hit += 0.8;
  }
  return Math.round((hit / qt.length) * 80);
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** The short form in the query: a parenthesised citation, WLT/B.O./Ibid., or the whole query as a label. */
function shortFormOf(query: string): FoundCitation {
  const found = findCitations(query);
  const whole = query.trim();
  if (found.length === 1 && found[0]!.text.length >= whole.replace(/\.$/, '').length - 2) return found[0]!;
  if (found.length && /^\(|^(WLT|B\.O\.|В\.О\.|Ibid)/u.test(whole)) return found[0]!;
  const m = /^(.*?\p{L}.*?)(?:[.,]?\s+(?:pp?\.\s*)?((?:Chapter|ch\.)\s*\d+|\d{1,4}(?:\s*[-–]\s*\d{1,4})?))?\.?$/u.exec(whole);
  const titled = /^([\p{Lu}][\p{L}'’-]+),\s*["“]([^"”]+)["”]\s*(?:\((\d{4})\))?/u.exec(whole);
  if (titled) return { text: whole, kind: 'author-title', label: `${titled[1]} ${titled[2]}`, year: titled[3], index: 0 };
  return { text: whole, kind: 'siglum', label: (m?.[1] ?? whole).replace(/[,:;]$/, ''), pinpoint: m?.[2], index: 0 };
}

/** Below this, a match is by part of the citation (an author and some title words, or free words): likely, not certain. */
const CERTAIN_SCORE = 80;

function hedged(answer: SourceAnswer, score: number): SourceAnswer {
  if (score >= CERTAIN_SCORE) return answer;
  // The title's own words, in order (an author's name around them allowed): a certain match.
  const families = (answer.entry?.names ?? []).map((n) => norm(n.family ?? '')).filter(Boolean);
  const words = norm(answer.query)
    .split(' ')
    .filter((w) => w && !families.includes(w));
  const title = ` ${norm(answer.entry?.title ?? '')} `;
  if (words.length >= 2 && title.includes(` ${words.join(' ')} `)) return answer;
  return {
    ...answer,
    certain: false,
    note: `Probably this entry, but Lectern is not certain: “${answer.query}” matches only part of it (the author and some words of the title). Check the entry's own words below.`,
  };
}

function answerForEntry(corpus: Corpus, query: string, work: WorkBuild, entry: BibEntry, pinpoint?: string): SourceAnswer {
  return {
    query,
    resolved: true,
    kind: 'entry',
    work,
    entry,
    ...(pinpoint ? { pinpoint } : {}),
    citedIn: corpus.citingBlocks(entry.id),
    candidates: [],
  };
}

export function validateSourceQuery(raw: unknown): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) throw new UserError('source.empty', 'Give the text to look up: a title, an author, a short citation such as (Vozhdy 250), or words from a reference.');
  if (text.length > SOURCE_QUERY_MAX) {
    throw new UserError('source.too-long', `That is ${text.length} characters; a source lookup takes at most ${SOURCE_QUERY_MAX}. Paste only the citation.`);
  }
  if (!/[\p{L}\p{N}]/u.test(text)) throw new UserError('source.unusable', 'There are no letters or digits to look up. Try a title, an author or a citation such as (Main 185).');
  return text;
}

export function resolveSource(corpus: Corpus, rawQuery: string, context: SourceContext = {}): SourceAnswer {
  const query = validateSourceQuery(rawQuery);
  const works = corpus.works;
  const preferred = context.workId ?? (context.passage ? corpus.workOf(context.passage)?.meta.id : undefined);
  const form = shortFormOf(query);

  // Ibid. and bare pages: the citation they follow, in the passage they were read in or the thread.
  if (form.kind === 'ibid' || form.kind === 'page' || /^(?:pp?\.\s*)?\d{1,4}(?:\s*[-–]\s*\d{1,4})?$/.test(query)) {
    return resolveBackReference(corpus, query, form, context);
  }

  // An author's name alone: every work of theirs the corpus lists, best first.
  const byAuthor = authorAnswer(corpus, query);
  if (byAuthor) return byAuthor;

  // A work of the corpus named outright.
  const byWork = works.map((w) => ({ w, score: workScore(query, w) })).sort((a, b) => b.score - a.score);
  if (byWork[0] && byWork[0].score === 100) {
    const w = byWork[0].w;
    return { query, resolved: true, kind: 'work', work: w, citedIn: [], candidates: [] };
  }

  // A short form exactly as a text writes it: the resolution made when the text was ingested.
  const asWritten = findWritten(corpus, query, preferred);
  if (asWritten) return answerForEntry(corpus, query, asWritten.work, asWritten.entry, form.pinpoint ?? asWritten.pinpoint);

  // A short form, resolved against each work's bibliography (the preferred work first).
  const ordered = [...works].sort((a, b) => Number(b.meta.id === preferred) - Number(a.meta.id === preferred));
  const resolutions: { work: WorkBuild; r: Resolution }[] = [];
  for (const w of ordered) {
    if (!w.bibliography.length) continue;
    const r = resolveCitation(form, w.bibliography, {});
    resolutions.push({ work: w, r });
    if (r.entry && (r.score >= 80 || w.meta.id === preferred)) {
      return hedged(answerForEntry(corpus, query, w, corpus.entry(r.entry)!, form.pinpoint), r.score);
    }
  }
  const best = resolutions.filter((x) => x.r.entry).sort((a, b) => b.r.score - a.r.score)[0];
  if (best) return hedged(answerForEntry(corpus, query, best.work, corpus.entry(best.r.entry!)!, form.pinpoint), best.r.score);

  // A work by fuzzy title or author ("trotskys lies", "Mukherjee", "Trotksy's Lies").
  if (byWork[0] && byWork[0].score >= 60 && (!byWork[1] || byWork[0].score > byWork[1].score)) {
    return { query, resolved: true, kind: 'work', work: byWork[0].w, citedIn: [], candidates: [] };
  }

  // Free words from an entry.
  const qt = tokens(query);
  const scored: SourceCandidate[] = [];
  for (const w of works) {
    for (const e of w.bibliography) {
      if (e.duplicateOf) continue;
      const hay = new Set(tokens(e.text));
      const hit = qt.filter((t) => hay.has(t)).length;
      if (hit) scored.push({ entry: e, work: w, score: Math.round((hit / qt.length) * 100) });
    }
  }
  for (const { work, r } of resolutions) {
    for (const c of r.candidates) {
      const e = corpus.entry(c.id);
      if (e && !scored.some((s) => s.entry?.id === e.id)) scored.push({ entry: e, work, score: Math.min(c.score, 99) });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  const top = scored[0];
  if (top && top.entry && top.score >= 75 && qt.length >= 2 && (!scored[1] || top.score > scored[1].score)) {
    return hedged(answerForEntry(corpus, query, top.work, top.entry, form.pinpoint), Math.min(top.score, 79));
  }
  const note = resolutions.find((x) => x.r.note)?.r.note;
  return {
    query,
    resolved: false,
    kind: 'none',
    citedIn: citedAs(corpus, query),
    candidates: scored.slice(0, 5),
    note: note ?? `No bibliography in the corpus lists "${query}".`,
  };
}

function findWritten(corpus: Corpus, query: string, preferred?: string): { work: WorkBuild; entry: BibEntry; pinpoint?: string } | undefined {
  const q = norm(query);
  const works = [...corpus.works].sort((a, b) => Number(b.meta.id === preferred) - Number(a.meta.id === preferred));
  for (const w of works) {
    const c = w.citations.find((x) => x.entry && x.kind !== 'page' && x.kind !== 'ibid' && norm(x.text) === q);
    const entry = c?.entry ? corpus.entry(c.entry) : undefined;
    if (c && entry) return { work: w, entry, ...(c.pinpoint ? { pinpoint: c.pinpoint } : {}) };
  }
  return undefined;
}

/** Passages that cite the unresolved short form, so the reader can see where it is used. */
function citedAs(corpus: Corpus, query: string): string[] {
  const q = norm(query);
  const out: string[] = [];
  for (const w of corpus.works) {
    for (const c of w.citations) if (!c.entry && norm(c.text) === q) out.push(c.block);
  }
  return out;
}

/** The citation an Ibid. or a bare page in `blockId` follows: the last earlier one in the same chapter and section that is not itself a back reference. */
function antecedent(corpus: Corpus, blockId: string, form: FoundCitation): Citation | undefined {
  const work = corpus.workOf(blockId);
  const block = corpus.block(blockId);
  if (!work || !block) return undefined;
  const key = (b: Block) => `${b.locator.part ?? ''}|${b.locator.chapter ?? ''}|${b.locator.section ?? ''}`;
  const here = key(block);
  const own = block.citations.map((id) => corpus.citation(id)!).filter(Boolean);
  const mine = own.find((c) => c.kind === form.kind) ?? own.find((c) => c.kind === 'ibid' || c.kind === 'page');
  const order = new Map(work.blocks.map((b, i) => [b.id, i]));
  const after = work.citations.findIndex((c) => (order.get(c.block) ?? 0) > (order.get(blockId) ?? 0));
  const upto = mine ? work.citations.findIndex((c) => c.id === mine.id) : after >= 0 ? after : work.citations.length;
  for (let i = upto - 1; i >= 0; i--) {
    const c = work.citations[i]!;
    const b = corpus.block(c.block);
    if (!b || key(b) !== here) break;
    if (c.kind !== 'ibid' && c.kind !== 'page') return c;
  }
  return undefined;
}

/** The credit line ("- "On the Suppressed Testament of Lenin (December 1932)."") under the last quotation before a passage. */
function attributionBefore(corpus: Corpus, work: WorkBuild, blockId: string): { text: string; block: string } | undefined {
  const at = work.blocks.findIndex((b) => b.id === blockId);
  const here = work.blocks[at];
  for (let i = at - 1; i >= 0 && i >= at - 8; i--) {
    const b = work.blocks[i]!;
    if (b.kind === 'heading' || b.locator.section !== here?.locator.section) break;
    if (b.kind !== 'quotation') continue;
    const credit = /\n-\s+(.+)$/su.exec(b.text);
    if (credit) return { text: credit[1]!.split('\n')[0]!.trim(), block: b.id };
  }
  return undefined;
}

function resolveBackReference(corpus: Corpus, query: string, form: FoundCitation, context: SourceContext): SourceAnswer {
  const pinpoint = form.pinpoint ?? (/\d/.test(query) ? query.replace(/^(?:Ibid\.?,?\s*)?(?:pp?\.\s*)?/i, '').replace(/\.$/, '') : undefined);
  const label = form.kind === 'ibid' ? '“Ibid.”' : `The bare page “${query}”`;
  if (context.passage) {
    const work = corpus.workOf(context.passage);
    const prev = antecedent(corpus, context.passage, form);
    if (work && prev) {
      const refersTo = { text: prev.text, block: prev.block };
      const entry = prev.entry ? corpus.entry(prev.entry) : undefined;
      if (entry) {
        return { ...answerForEntry(corpus, query, work, entry, pinpoint || prev.pinpoint), refersTo, note: `${label} in ${context.passage} refers to ${prev.text} (in ${prev.block}).` };
      }
      return {
        query,
        resolved: false,
        kind: 'none',
        citedIn: [prev.block],
        candidates: [],
        refersTo,
        note: `${label} in ${context.passage} refers to ${prev.text} (in ${prev.block}), a source the bibliography of ${work.meta.title} does not list.`,
      };
    }
    const credit = work ? attributionBefore(corpus, work, context.passage) : undefined;
    if (credit) {
      return {
        query,
        resolved: false,
        kind: 'none',
        citedIn: [credit.block],
        candidates: [],
        refersTo: credit,
        note: `${label} in ${context.passage} refers to the source named under the quotation before it, ${credit.text} (in ${credit.block}); the bibliography does not list it as an entry.`,
      };
    }
    return {
      query,
      resolved: false,
      kind: 'none',
      citedIn: [],
      candidates: [],
      note: `${label} in ${context.passage} follows no earlier citation in its chapter or section, so Lectern cannot tell what it refers to.`,
    };
  }
  if (context.lastCitation) {
    const work = corpus.work(context.lastCitation.workId);
    const entry = context.lastCitation.entryId ? corpus.entry(context.lastCitation.entryId) : undefined;
    const refersTo = { text: context.lastCitation.text, block: '' };
    if (entry && work) return { ...answerForEntry(corpus, query, work, entry, pinpoint), refersTo, note: `${label} refers to the thread's last citation: ${context.lastCitation.text}` };
    return { query, resolved: false, kind: 'none', citedIn: [], candidates: [], refersTo, note: `${label} refers to the thread's last citation, ${context.lastCitation.text}, which is a passage of the corpus rather than a bibliography entry.` };
  }
  return {
    query,
    resolved: false,
    kind: 'none',
    citedIn: [],
    candidates: [],
    note: `"${query}" refers back to an earlier citation: give the passage it appears in (for example --passage trotskys-lies.p54), or ask inside a discussion thread.`,
  };
}

const foldName = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]+/gu, '');

/**
 * "Getty", "Furr", "J. Arch Getty": an author's name alone. Every entry naming the author (alone
 * first, then with others, newest first) and every corpus work by them; null when the query names
 * no author of any entry.
 */
function authorAnswer(corpus: Corpus, query: string): SourceAnswer | undefined {
  const q = query.trim();
  if (!/^[\p{Lu}][\p{L}'’.-]*(?:\s[\p{Lu}][\p{L}'’.-]*){0,2}$/u.test(q)) return undefined;
  const family = foldName(q.split(/\s+/).at(-1)!);
  if (family.length < 3) return undefined;
  const found: SourceCandidate[] = [];
  for (const w of corpus.works) {
    const authors = w.meta.authors.map((a) => foldName(a.family ?? a.literal ?? ''));
    if (authors.includes(family)) found.push({ work: w, score: authors[0] === family ? 100 : 90 });
    for (const e of w.bibliography) {
      if (e.duplicateOf) continue;
      const names = (e.names ?? []).map((n) => foldName(n.family ?? n.literal ?? ''));
      // "Ferr, Grover (Furr)": the name the entry gives in parentheses counts too.
      const alias = new RegExp(`^[^."“]*\\(${family}\\)`, 'iu').test(e.text.replace(/^[-–]\s+/, ''));
      const at = alias ? 0 : names.indexOf(family);
      if (at < 0) continue;
      found.push({ entry: e, work: w, score: (at === 0 ? 80 : 60) - (names.length > 1 ? 10 : 0) + Number(e.year?.slice(0, 4) ?? 0) / 10000 });
    }
  }
  if (found.length < 2) return undefined;
  found.sort((a, b) => b.score - a.score);
  const coauthored = found.filter((c) => c.entry && (c.entry.names?.length ?? 0) > 1).length;
  return {
    query,
    resolved: true,
    kind: 'author',
    citedIn: [],
    candidates: [],
    authorWorks: found,
    note: `${found.length} works by ${q} in the corpus and its bibliographies${coauthored ? `, ${coauthored} written with others` : ''}: the corpus's own texts first, then the entries where ${q} is the first author, newest first.`,
  };
}
