/**
 * The saved index (`data/build/index.json`): a format version, the analysis options it was built
 * with and the corpus it was built from, then minisearch's own serialisation. A stale (other
 * analysis, other corpus, older format) or corrupt index is rebuilt with a warning, never used.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { writeAtomic } from '../atomic-write.ts';
import type { Corpus } from '../corpus/corpus.ts';
import { ANALYSIS_VERSION, analysisOptions } from './analyse/index.ts';
import { buildIndex, miniSearchOptions } from './index-build.ts';
import MiniSearch from 'minisearch';
import type { IndexedPassage } from './lectern-index.ts';

export const INDEX_FILE = 'index.json';
/** Bump when the index's layout (fields, documents) changes. */
export const INDEX_FORMAT_VERSION = 2;

const Header = z.object({
  format: z.literal('lectern.index'),
  version: z.literal(INDEX_FORMAT_VERSION),
  analysisVersion: z.number(),
  analysis: z.unknown(),
  inputs: z.string(),
  documents: z.number().int().nonnegative(),
  index: z.record(z.string(), z.unknown()),
});

export type SearchIndex = MiniSearch<IndexedPassage>;

export function serializeIndex(index: SearchIndex, inputs: string): string {
  return JSON.stringify({
    format: 'lectern.index',
    version: INDEX_FORMAT_VERSION,
    analysisVersion: ANALYSIS_VERSION,
    analysis: analysisOptions(),
    inputs,
    documents: index.documentCount,
    index: index.toJSON(),
  });
}

/** Parses a saved index; the reason it cannot be used otherwise. */
export function parseIndex(raw: string, inputs: string): { index?: SearchIndex; problem?: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { problem: 'the saved index is not valid JSON (corrupt or truncated)' };
  }
  const head = Header.safeParse(json);
  if (!head.success) {
    const v = (json as { version?: unknown })?.version;
    return { problem: v !== undefined && v !== INDEX_FORMAT_VERSION ? `the saved index has format version ${String(v)}, this Lectern reads ${INDEX_FORMAT_VERSION}` : 'the saved index does not match the index format' };
  }
  if (head.data.analysisVersion !== ANALYSIS_VERSION || JSON.stringify(head.data.analysis) !== JSON.stringify(analysisOptions())) {
    return { problem: 'the saved index was built with other text-analysis options' };
  }
  if (head.data.inputs !== inputs) return { problem: 'the saved index was built from another version of the corpus' };
  try {
    const index = MiniSearch.loadJS(head.data.index as never, miniSearchOptions()) as SearchIndex;
    if (index.documentCount !== head.data.documents) return { problem: 'the saved index is incomplete' };
    return { index };
  } catch (err) {
    return { problem: `the saved index could not be loaded (${(err as Error).message})` };
  }
}

export async function loadOrBuildIndex(
  corpus: Corpus,
  buildDir: string,
  log: Logger,
  options: { inputs: string; persist: boolean },
): Promise<SearchIndex> {
  const file = path.join(buildDir, INDEX_FILE);
  if (options.persist) {
    let raw: string | undefined;
    try {
      raw = await readFile(file, 'utf8');
    } catch {
      log.info('building the search index for the first time');
    }
    if (raw !== undefined) {
      const { index, problem } = parseIndex(raw, options.inputs);
      if (index) return index;
      log.warn({ reason: problem, file }, 'rebuilding the search index');
    }
  }
  const index = buildIndex(corpus);
  if (options.persist) await writeAtomic(file, serializeIndex(index, options.inputs));
  return index;
}
