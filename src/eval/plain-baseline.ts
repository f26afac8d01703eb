/**
 * The baseline the evaluation README describes: one passage per non-blank line of each text file,
 * indexed by minisearch with its default options (its tokenizer, no stemming, no fuzzy or prefix
 * matching). Built in the same run as Lectern's scores, so the comparison is never stale.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch, { type SearchOptions } from 'minisearch';
import type { Ranker } from './quote-score.ts';

interface Line {
  id: number;
  text: string;
}

export async function plainMiniSearch(corpusDir: string, files: string[]): Promise<{ index: MiniSearch<Line>; lines: string[] }> {
  const lines: string[] = [];
  for (const file of files) {
    const text = await readFile(path.join(corpusDir, file), 'utf8');
    for (const line of text.split(/\r?\n/)) if (line.trim() !== '') lines.push(line);
  }
  const index = new MiniSearch<Line>({ fields: ['text'] });
  index.addAll(lines.map((text, id) => ({ id, text })));
  return { index, lines };
}

export function plainRanker(base: { index: MiniSearch<Line>; lines: string[] }, options: SearchOptions = {}): Ranker {
  return (query) => base.index.search(query, options).slice(0, 10).map((r) => [base.lines[r.id as number]!]);
}
