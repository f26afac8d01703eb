/**
 * A group's texts searched in PostgreSQL (with LECTERN_DATABASE_URL). Each passage is one row whose
 * `terms` tsvector holds Lectern's OWN analysed terms — the stems and cross-script keys the memory
 * index stores, each with one position per occurrence (from 1 in the text field, from 8193 in the
 * heading field) so a term's frequency per field comes back exactly — under a GIN index on
 * (collection, terms). PostgreSQL finds the candidate passages; the scoring stays Lectern's:
 * the fetched postings are scored by the same `FastScorer` as the memory index, with the
 * statistics of the bundled index and the group's texts together (LayeredCandidateSource), so a
 * score means the same in both and the engine's order policy is unchanged. docs/search.md
 * says where the two can differ.
 *
 * Which terms a stage reaches (typo variants, prefixes, swaps, expansions, compound parts) is
 * decided by the scorer itself, run first over the group's vocabulary (the term table, cached
 * when the group is opened): its vocabulary entries record the terms it looks at instead of
 * scoring. Only those exact terms are asked of PostgreSQL. Both runs take the prefix and typo
 * variants the layered search looks up once in every layer's terms (this one's included: `termTree`),
 * so the fetched postings are summed in the order the memory index sums them, to the last bit.
 */
import type MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Candidate, CandidateQuery, CandidateSource, Vocabulary } from './candidates.ts';
import { SEARCH_FIELDS } from './index-build.ts';
import { FastScorer, termVariants, type IndexedPassage, type IndexStatistics, type TermTree, type TermVariants } from './lectern-index.ts';
import { isUnreachable } from '../db/state-rows.ts';
import { libraryErrors } from '../library/errors.ts';

/** minisearch numbers the fields in the order they are declared: the memory index's field ids. */
export const TEXT_FIELD = SEARCH_FIELDS.indexOf('text');
export const HEADING_FIELD = SEARCH_FIELDS.indexOf('heading');
const FIELD_IDS = Object.fromEntries(SEARCH_FIELDS.map((f, i) => [f, i]));

/** What runs a query: a pg Pool or client. */
export interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** A group's term table and passage statistics, as cached when the group is opened. */
export interface GroupTerms {
  /** term → [passages with it in the text field, in the heading field]. */
  terms: Map<string, [number, number]>;
  passages: number;
  /** Total field lengths (minisearch's: distinct tokens per field), text and heading. */
  lengths: [number, number];
}

/** The group's term table and passage totals, read once per open. */
export async function readGroupTerms(db: Queryable, collection: string): Promise<GroupTerms> {
  const [terms, totals] = await Promise.all([
    db.query<{ term: string; text: number; heading: number }>(
      'SELECT term, sum(text_passages)::int AS text, sum(heading_passages)::int AS heading FROM library_terms WHERE collection = $1 GROUP BY term',
      [collection],
    ),
    db.query<{ passages: number; text: number; heading: number }>(
      'SELECT coalesce(sum(passages), 0)::int AS passages, coalesce(sum(text_length), 0)::float8 AS text, coalesce(sum(heading_length), 0)::float8 AS heading FROM library_works WHERE collection = $1',
      [collection],
    ),
  ]);
  const t = totals.rows[0] ?? { passages: 0, text: 0, heading: 0 };
  return { terms: new Map(terms.rows.map((r) => [r.term, [r.text, r.heading]])), passages: t.passages, lengths: [t.text, t.heading] };
}

/** A lexeme in a tsvector or tsquery literal: quoted, its quotes doubled and backslashes escaped. */
export const lexeme = (term: string) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** tsvector keeps at most 256 positions per lexeme: a frequency beyond that is capped (BM25 has long saturated). */
export const MAX_POSITIONS = 256;
/**
 * A heading occurrence's position is past this (tsvector positions go to 16,383). The field is told
 * by position rather than by weight, so that a query can mark the lexemes it wants with a weight and
 * keep only those (`ts_filter(setweight(terms, 'A', wanted), '{a}')`) instead of unnesting the whole vector.
 */
export const HEADING_POSITIONS = 8192;

/** A passage's terms as a tsvector literal: term → [tf in text, tf in heading]. */
export function termsVector(terms: Iterable<[string, number, number]>): string {
  const parts: string[] = [];
  for (const [term, text, heading] of terms) {
    const t = Math.min(text, MAX_POSITIONS);
    const h = Math.min(heading, MAX_POSITIONS - t);
    const positions: number[] = [];
    for (let i = 1; i <= t; i++) positions.push(i);
    for (let i = 1; i <= h; i++) positions.push(HEADING_POSITIONS + i);
    if (positions.length) parts.push(`${lexeme(term)}:${positions.join(',')}`);
  }
  return parts.join(' ');
}

type FieldTermData = Map<number, Map<number, number>>;

/** The minisearch fields FastScorer reads (see MiniSearchInternals in lectern-index.ts). */
interface ScorerIndex {
  _index: SearchableMap<unknown>;
  _documentCount: number;
  _documentIds: Map<number, string>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
}

const scorerOver = (index: ScorerIndex) => new FastScorer(index as unknown as MiniSearch<IndexedPassage>);

/** A vocabulary entry that, asked for its postings, notes its term and has none. */
class Recorder {
  readonly term: string;
  private readonly sink: { seen: Set<string> };
  constructor(term: string, sink: { seen: Set<string> }) {
    this.term = term;
    this.sink = sink;
  }
  get(): undefined {
    this.sink.seen.add(this.term);
    return undefined;
  }
}

export class PgCandidateSource implements CandidateSource {
  readonly vocabulary: Vocabulary;
  readonly statistics: IndexStatistics;
  private readonly db: Queryable;
  private readonly collection: string;
  private readonly group: GroupTerms;
  private readonly sink = { seen: new Set<string>() };
  /** The scorer over the vocabulary's recorders: it walks a query's terms and scores nothing. */
  private readonly walker: FastScorer;
  private readonly byTerm: SearchableMap<Recorder>;

  constructor(db: Queryable, collection: string, group: GroupTerms) {
    this.db = db;
    this.collection = collection;
    this.group = group;
    const byTerm = new SearchableMap<Recorder>();
    for (const term of group.terms.keys()) byTerm.set(term, new Recorder(term, this.sink));
    this.byTerm = byTerm;
    this.walker = scorerOver({ _index: byTerm, _documentCount: 1, _documentIds: new Map([[0, '']]), _fieldIds: FIELD_IDS, _fieldLength: new Map(), _avgFieldLength: [1, 1], _nextId: 1 });
    const terms = group.terms;
    this.vocabulary = {
      has: (term) => terms.has(term),
      documentFrequency: (term) => terms.get(term)?.[TEXT_FIELD] ?? 0,
      documentCount: group.passages,
    };
    this.statistics = {
      documentCount: group.passages,
      fieldFrequency: (term, fieldId) => terms.get(term)?.[fieldId] ?? 0,
      averageFieldLength: (fieldId) => (group.passages ? (group.lengths[fieldId] ?? 0) / group.passages : 0),
    };
  }

  /** The group's terms, where the layered search looks up typo and prefix variants with the other layers'. */
  get termTree(): TermTree {
    return this.byTerm as unknown as TermTree;
  }

  /** The terms are read once, when the group is opened (a change opens a new source): never changes. */
  readonly version = 0;

  /** How many distinct terms the group's texts have (the cache's estimate). */
  get terms(): number {
    return this.group.terms.size;
  }

  static async open(db: Queryable, collection: string): Promise<PgCandidateSource> {
    return new PgCandidateSource(db, collection, await readGroupTerms(db, collection));
  }

  async candidates(query: CandidateQuery): Promise<Candidate[]> {
    return await this.scoredWith(query);
  }

  /** The terms the scorer reaches for one word of the query (as it would inside the whole query). */
  private reached(query: CandidateQuery, word: number, stats: IndexStatistics, variants: TermVariants): Set<string> {
    this.sink.seen = new Set();
    const { words, accept: _accept, only: _only, ...options } = query;
    this.walker.topK([words[word]!], { ...options, prefix: options.prefix && word === words.length - 1 }, stats, variants);
    return this.sink.seen;
  }

  /**
   * The stage's candidates among the group's passages, scored with `stats` (the group's own by
   * default), the variants of its terms taken from `variants` (the group's own terms by default).
   */
  async scoredWith(query: CandidateQuery, stats: IndexStatistics = this.statistics, variants: TermVariants = termVariants([this.termTree])): Promise<Candidate[]> {
    if (this.group.passages === 0 || query.words.length === 0) return [];
    const perWord = query.words.map((_, i) => this.reached(query, i, stats, variants));
    const all = new Set(perWord.flatMap((s) => [...s]));
    if (all.size === 0) return [];
    // AND: every word of substance must be met by one of its terms (the scorer then checks exactly).
    const required = perWord.filter((_, i) => !query.words[i]!.light);
    const or = (terms: Iterable<string>) => [...terms].map(lexeme).join(' | ');
    let tsquery: string;
    if (query.combineWith === 'AND' && required.length) {
      if (required.some((s) => s.size === 0)) return [];
      tsquery = required.map((s) => `( ${or(s)} )`).join(' & ');
    } else tsquery = or(all);
    // Only the wanted lexemes of each passage are unnested: marked with weight A, then kept by it.
    let rows;
    try {
      ({ rows } = await this.db.query<{ block_id: string; text_length: number; heading_length: number; lexeme: string; positions: number[] }>(
        `SELECT p.block_id, p.text_length, p.heading_length, u.lexeme, u.positions
           FROM library_passages p, unnest(ts_filter(setweight(p.terms, 'A', $3::text[]), '{a}')) u
          WHERE p.collection = $1 AND p.terms @@ $2::tsquery`,
        [this.collection, tsquery, [...all]],
      ));
    } catch (err) {
      // The group was opened, then the database went away: the same answer as when it cannot be opened.
      if (isUnreachable(err)) throw libraryErrors.databaseUnreachable(err);
      throw err;
    }
    return this.score(rows, query, stats, variants);
  }

  /** The fetched postings as the index FastScorer reads, scored as the memory index scores its own. */
  private score(rows: { block_id: string; text_length: number; heading_length: number; lexeme: string; positions: number[] }[], query: CandidateQuery, stats: IndexStatistics, variants: TermVariants): Candidate[] {
    const shortIds = new Map<string, number>();
    const documentIds = new Map<number, string>();
    const fieldLength = new Map<number, number[]>();
    const postings = new SearchableMap<FieldTermData>();
    for (const r of rows) {
      let doc = shortIds.get(r.block_id);
      if (doc === undefined) {
        doc = shortIds.size;
        shortIds.set(r.block_id, doc);
        documentIds.set(doc, r.block_id);
        fieldLength.set(doc, [r.text_length, r.heading_length]);
      }
      let data = postings.get(r.lexeme);
      if (!data) postings.set(r.lexeme, (data = new Map()));
      let text = 0;
      for (const p of r.positions) if (p <= HEADING_POSITIONS) text++;
      for (const [field, tf] of [
        [TEXT_FIELD, text],
        [HEADING_FIELD, r.positions.length - text],
      ] as const) {
        if (!tf) continue;
        let freqs = data.get(field);
        if (!freqs) data.set(field, (freqs = new Map()));
        freqs.set(doc, tf);
      }
    }
    if (shortIds.size === 0) return [];
    const scorer = scorerOver({ _index: postings, _documentCount: shortIds.size, _documentIds: documentIds, _fieldIds: FIELD_IDS, _fieldLength: fieldLength, _avgFieldLength: [1, 1], _nextId: shortIds.size });
    // `only` is a shortcut the accept test stands for (candidates.ts): this source tests each passage.
    const { words, accept, only: _only, ...options } = query;
    // The variants as the memory index takes them: its own fetched postings would be walked in another order.
    return scorer.topK(words, { ...options, ...(accept ? { accept: (doc: number) => accept(documentIds.get(doc)!) } : {}) }, stats, variants);
  }

  /** Completions from the group's term table: its terms that start with the prefix, or are one typo from it, commonest first. */
  async suggest(prefix: string, limit: number): Promise<string[]> {
    const p = prefix.toLowerCase();
    const found = new Map<string, number>();
    const df = (term: string) => this.group.terms.get(term)?.[TEXT_FIELD] ?? 0;
    for (const [term] of this.byTerm.atPrefix(p)) found.set(term, df(term));
    if (found.size < limit) for (const [term] of this.byTerm.fuzzyGet(p, Math.round(p.length * 0.2))) found.set(term, df(term));
    // A passage's WordNet phrase ("_call off") is an index term no reader types (passage-phrases.ts).
    return [...found]
      .filter(([t]) => !t.includes(' '))
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([t]) => t);
  }
}
