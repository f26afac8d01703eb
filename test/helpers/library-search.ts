/**
 * The search the library tests run on: the real engine (src/search) when it is importable, else
 * a plain word-matching stand-in that keeps the SearchService contract (errors for empty queries,
 * work and language filters, paging). Isolation does not depend on ranking, so the same tests
 * hold on both; `real` says which one ran.
 */
import type { SearchHit, SearchOptions, SearchService } from '../../src/context.ts';
import type { Corpus } from '../../src/corpus/corpus.ts';
import { UserError } from '../../src/errors.ts';
import type { SearchBackend } from '../../src/library/search-backend.ts';

const words = (s: string) => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);

export function wordSearch(corpus: Corpus): SearchService {
  return {
    search(query: string, options: SearchOptions = {}) {
      const terms = words(query);
      if (!query.trim()) throw new UserError('query.empty', 'Type some words to search for.');
      if (!terms.length) throw new UserError('query.unusable', 'The query has no words to search for.');
      const hits: SearchHit[] = [];
      for (const { block, work } of corpus.passages()) {
        if (options.work && work.meta.id !== options.work) continue;
        if (options.lang && block.lang !== options.lang) continue;
        if (options.pairsOnly && !block.pair) continue;
        const have = new Set(words(block.plain));
        const score = terms.filter((t) => have.has(t)).length / terms.length;
        if (score === 1) hits.push({ block, work, score, snippet: block.plain.slice(0, 200) });
      }
      const offset = options.offset ?? 0;
      return { hits: hits.slice(offset, offset + (options.limit ?? 10)), total: hits.length, notices: [] };
    },
    suggest(prefix: string, limit: number) {
      const p = prefix.toLowerCase().trim();
      if (p.length < 2) return [];
      const out = new Set<string>();
      for (const { block } of corpus.passages()) {
        for (const w of words(block.plain)) if (w.startsWith(p)) out.add(w);
        if (out.size >= limit) break;
      }
      return [...out].slice(0, limit);
    },
  };
}

export const wordSearchBackend = (): SearchBackend => ({ open: (corpus) => wordSearch(corpus) });

export async function testSearchBackend(): Promise<{ backend: SearchBackend; real: boolean }> {
  try {
    const { realSearchBackend } = await import('../../src/library/search-backend.ts');
    return { backend: await realSearchBackend(), real: true };
  } catch {
    return { backend: wordSearchBackend(), real: false };
  }
}
