/**
 * The saved index (`data/build/index.json`, and one per work of a group library): a format
 * version, the analysis options it was built with and the corpus it was built from, then
 * minisearch's own serialisation. A stale (other analysis, other corpus, older format) or corrupt
 * index is rebuilt with a warning, never used.
 *
 * Format 3 is written as lines, none of them the whole index: the header, minisearch's document
 * tables, then its terms in chunks. A single JSON string of a 500 MB corpus's index would pass V8's
 * string-length limit (~512 M characters, reached near 340 MB of text); lines are written one by one
 * and the file is read as bytes and split, so no string holds all of it. Format 2 (one JSON
 * document) is read as "older format" and rebuilt. Format 4 reads an author's first-person passages
 * under the author's name (speaker.ts); a format 3 index lacks them and is rebuilt. Format 5 reads a
 * quotation under the paragraph that leads into it (corpus/lead-in.ts).
 */
import { readFile } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { writeAtomic } from '../atomic-write.ts';
import type { Corpus } from '../corpus/corpus.ts';
import { ANALYSIS_VERSION, analysisOptions } from './analyse/index.ts';
import { buildIndex, miniSearchOptions } from './index-build.ts';
import MiniSearch from 'minisearch';
import type { IndexedPassage } from './lectern-index.ts';
import { readSnapshot, writeSnapshot } from './index-snapshot.ts';
import { packPositions, PositionTable } from './term-positions.ts';
import { relationsOf, type Relations } from './expand/relations.ts';
import { passageFacts, type PassageFacts } from './passage-facts.ts';
import { noteGlossesFingerprint } from './note-glosses.ts';

export const INDEX_FILE = 'index.json';
/** Bump when the index's layout (fields, documents, file structure) changes. */
export const INDEX_FORMAT_VERSION = 10;
/** Terms per line: a line stays far below the string limit even when every term is common. */
const TERMS_PER_LINE = 20_000;

const Header = z.object({
  format: z.literal('lectern.index'),
  version: z.literal(INDEX_FORMAT_VERSION),
  analysisVersion: z.number(),
  analysis: z.unknown(),
  inputs: z.string(),
  /** What notes' foreign titles were read in English with (note-glosses.ts); absent in an index made before. */
  glosses: z.string().optional(),
  documents: z.number().int().nonnegative(),
  /** How many lines of terms follow the document tables (a truncated file is caught). */
  chunks: z.number().int().nonnegative(),
});
/**
 * The shapes of the document tables (an object) and of a line of terms (pairs of a term and its
 * postings), checked by hand: the same test as `z.record(z.string(), z.unknown())` and
 * `z.array(z.tuple([z.string(), z.unknown()]))`, without zod's per-entry work over every term of
 * the index at each start. minisearch's loader checks what it reads inside them.
 */
function tablesOf(json: unknown): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('the document tables are not an object');
  return json as Record<string, unknown>;
}
function termsOf(json: unknown): [string, unknown][] {
  if (!Array.isArray(json)) throw new Error('a line of terms is not an array');
  for (const entry of json) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') throw new Error('a line of terms holds something other than [term, postings]');
  }
  return json as [string, unknown][];
}

export type SearchIndex = MiniSearch<IndexedPassage>;

/** The index as the lines of its file (see the module comment). */
export function serializeIndex(index: SearchIndex, inputs: string): string[] {
  const { index: terms, ...tables } = index.toJSON() as unknown as { index: [string, unknown][] } & Record<string, unknown>;
  const chunks: string[] = [];
  for (let i = 0; i < terms.length; i += TERMS_PER_LINE) chunks.push(JSON.stringify(terms.slice(i, i + TERMS_PER_LINE)));
  const header = { format: 'lectern.index', version: INDEX_FORMAT_VERSION, analysisVersion: ANALYSIS_VERSION, analysis: analysisOptions(), inputs, glosses: noteGlossesFingerprint(), documents: index.documentCount, chunks: chunks.length };
  return [JSON.stringify(header), JSON.stringify(tables), ...chunks];
}

/** The lines of a saved index file, read as bytes and split, so the file is never one string. */
export function indexLines(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  const decoder = new TextDecoder();
  let start = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, start)) {
    lines.push(decoder.decode(bytes.subarray(start, i)));
    start = i + 1;
  }
  if (start < bytes.length) lines.push(decoder.decode(bytes.subarray(start)));
  return lines;
}

function parseHeader(line: string | undefined): { header?: z.infer<typeof Header>; problem?: string } {
  let json: unknown;
  try {
    json = JSON.parse(line ?? '');
  } catch {
    return { problem: 'the saved index is not valid JSON (corrupt or truncated)' };
  }
  const head = Header.safeParse(json);
  if (head.success) return { header: head.data };
  const v = (json as { version?: unknown })?.version;
  return { problem: v !== undefined && v !== INDEX_FORMAT_VERSION ? `the saved index has format version ${String(v)} (an older format), this Lectern reads ${INDEX_FORMAT_VERSION}` : 'the saved index does not match the index format' };
}

/** The header's checks: the reason the lines cannot be used, or the header. */
function check(lines: readonly string[], inputs: string): { header?: z.infer<typeof Header>; problem?: string } {
  const { header, problem } = parseHeader(lines[0]);
  if (!header) return { problem: problem! };
  if (header.analysisVersion !== ANALYSIS_VERSION || JSON.stringify(header.analysis) !== JSON.stringify(analysisOptions())) {
    return { problem: 'the saved index was built with other text-analysis options' };
  }
  if (header.glosses !== noteGlossesFingerprint()) return { problem: 'the saved index was built with another glossary' };
  if (header.inputs !== inputs) return { problem: 'the saved index was built from another version of the corpus' };
  if (lines.length !== 2 + header.chunks) return { problem: 'the saved index is incomplete (truncated)' };
  return { header };
}

const failed = (err: unknown) =>
  err instanceof SyntaxError ? { problem: 'the saved index is not valid JSON (corrupt or truncated)' } : { problem: `the saved index could not be loaded (${(err as Error).message.slice(0, 200)})` };

/** Parses a saved index (its lines, or the whole file as text); the reason it cannot be used otherwise. */
export function parseIndex(saved: string | readonly string[], inputs: string): { index?: SearchIndex; problem?: string } {
  const lines = typeof saved === 'string' ? saved.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1) : saved;
  const { header, problem } = check(lines, inputs);
  if (!header) return { problem: problem! };
  try {
    const tables = tablesOf(JSON.parse(lines[1]!));
    const terms: [string, unknown][] = [];
    for (const line of lines.slice(2)) for (const entry of termsOf(JSON.parse(line))) terms.push(entry);
    const index = MiniSearch.loadJS({ ...tables, index: terms } as never, miniSearchOptions()) as SearchIndex;
    if (index.documentCount !== header.documents) return { problem: 'the saved index is incomplete' };
    return { index };
  } catch (err) {
    return failed(err);
  }
}

/**
 * `parseIndex` in slices: a chunk of terms parsed at a time and minisearch's own batched loader,
 * yielding to other work between them, so opening a large library does not hold up the commands
 * of other groups for the whole of its load.
 */
export async function parseIndexAsync(lines: readonly string[], inputs: string): Promise<{ index?: SearchIndex; problem?: string }> {
  const { header, problem } = check(lines, inputs);
  if (!header) return { problem: problem! };
  try {
    const tables = tablesOf(JSON.parse(lines[1]!));
    const terms: [string, unknown][] = [];
    for (const line of lines.slice(2)) {
      await setImmediate();
      for (const entry of termsOf(JSON.parse(line))) terms.push(entry);
    }
    const index = (await MiniSearch.loadJSAsync({ ...tables, index: terms } as never, miniSearchOptions())) as SearchIndex;
    if (index.documentCount !== header.documents) return { problem: 'the saved index is incomplete' };
    return { index };
  } catch (err) {
    return failed(err);
  }
}

/** The bundled corpus's index, and (when it came from the snapshot or one was just written) its passages' term positions. */
export interface LoadedIndex {
  index: SearchIndex;
  positions?: PositionTable;
  /** The relations between people the texts state (expand/relations.ts), when the snapshot has them. */
  relations?: Relations;
  /** What the engine works out about each passage (passage-facts.ts), when the snapshot has them. */
  facts?: PassageFacts;
}

export async function loadOrBuildIndex(corpus: Corpus, buildDir: string, log: Logger, options: { inputs: string; persist: boolean }): Promise<SearchIndex> {
  return (await loadSearchIndex(corpus, buildDir, log, options)).index;
}

export async function loadSearchIndex(corpus: Corpus, buildDir: string, log: Logger, options: { inputs: string; persist: boolean }): Promise<LoadedIndex> {
  const file = path.join(buildDir, INDEX_FILE);
  if (options.persist) {
    // The fast-loading copy first (index-snapshot.ts); without a usable one, index.json, then the copy again.
    const snapshot = await readSnapshot(buildDir, options.inputs);
    if (snapshot.index) {
      const { positions, relations, facts } = snapshot;
      return { index: snapshot.index, ...(positions ? { positions } : {}), ...(relations ? { relations } : {}), ...(facts ? { facts } : {}) };
    }
    log.debug({ reason: snapshot.problem }, 'reading the search index from index.json');
    let raw: Uint8Array | undefined;
    try {
      raw = await readFile(file);
    } catch {
      log.info('building the search index for the first time');
    }
    if (raw !== undefined) {
      const { index, problem } = parseIndex(indexLines(raw), options.inputs);
      if (index) {
        const positions = await keepSnapshot(buildDir, index, options.inputs, corpus, log);
        return { index, positions };
      }
      log.warn({ reason: problem, file }, 'rebuilding the search index');
    }
  }
  const index = buildIndex(corpus);
  // No snapshot of this one: the copy is always of an index read from index.json (see keepSnapshot).
  if (options.persist) await writeAtomic(file, serializeIndex(index, options.inputs));
  return { index };
}

/** The passages of `index` (their ids) with their plain text from `corpus`, in the index's order. */
function* indexedPassages(index: SearchIndex, corpus: Corpus): Generator<{ id: string; plain: string }> {
  for (const id of (index as unknown as { _documentIds: Map<number, string> })._documentIds.values()) {
    const block = corpus.block(id);
    if (!block) throw new Error(`search/saved-index: the index holds passage ${id}, which the corpus does not`);
    yield { id, plain: block.plain };
  }
}

/**
 * Writes the fast-loading copy of an index read from index.json, never of a freshly built one: a
 * read index's term tree iterates in another order than a built one's, and a warm start must serve
 * exactly the index it served before the copy existed. One that cannot be written (a read-only
 * build folder) only costs the next start its time. Returns the term positions it packed.
 */
export async function keepSnapshot(buildDir: string, index: SearchIndex, inputs: string, corpus: Corpus, log: Logger): Promise<PositionTable | undefined> {
  let packed;
  try {
    packed = packPositions(indexedPassages(index, corpus));
    const ids = (index as unknown as { _documentIds: Map<number, string> })._documentIds.values();
    await writeSnapshot(buildDir, index, inputs, packed, relationsOf(corpus.works), passageFacts(corpus, ids));
  } catch (err) {
    log.debug({ err }, 'the index snapshot could not be written');
  }
  return packed && new PositionTable(packed);
}
