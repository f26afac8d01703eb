/** The two sides of a translation pair, read from either side. */
import type { Corpus } from './corpus.ts';
import type { Block, TranslationPair } from './model.ts';

/** The other side of the pair a block belongs to: the translation of an original, the original of a translation. */
export function counterpart(corpus: Corpus, block: Block): { pair: TranslationPair; ids: string[] } | undefined {
  if (!block.pair) return undefined;
  const pair = corpus.pair(block.pair);
  if (!pair) return undefined;
  const segment = pair.segments.find(([o, t]) => o.includes(block.id) || t.includes(block.id));
  if (block.role === 'translation') return { pair, ids: segment ? segment[0] : pair.original };
  return { pair, ids: segment ? segment[1] : pair.translation };
}
