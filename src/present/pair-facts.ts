/** A translation pair as data for machine readers (`--json`): both sides whole, the sentence matched, each segment with its confidence. */
import type { Corpus } from '../corpus/corpus.ts';
import { CONFIDENT, matchSides, type PairMatch } from '../corpus/pair-lookup.ts';

function side(corpus: Corpus, ids: string[]) {
  const blocks = ids.map((id) => corpus.block(id)!).filter(Boolean);
  return { ids, text: blocks.map((b) => b.text).join('\n\n'), lang: blocks.find((b) => b.lang !== 'und')?.lang ?? blocks[0]?.lang ?? 'und', locator: blocks[0]?.locator ?? null };
}

export function pairFacts(corpus: Corpus, { pair: p, match }: PairMatch): Record<string, unknown> {
  const work = corpus.workOf(p.original[0]!)!;
  const sentence = (refs: { block: string; start: number; end: number }[]) => refs.map((r) => corpus.block(r.block)!.text.slice(r.start, r.end)).join(' ');
  return {
    id: p.id,
    label: p.label,
    confidence: p.confidence ?? null,
    verified: (p.confidence ?? 0) >= CONFIDENT,
    original: side(corpus, p.original),
    translation: side(corpus, p.translation),
    ...(p.via.length ? { via: side(corpus, p.via) } : {}),
    ...(match
      ? {
          match: {
            side: match.side,
            sentence: sentence(match.query),
            counterpart: sentence(match.counterpart),
            confidence: match.confidence,
            original: sentence(matchSides(match).original),
            translation: sentence(matchSides(match).translation),
            ...(match.side === 'intermediate' ? { intermediate: sentence(match.query) } : {}),
          },
        }
      : {}),
    segments: p.segments.map(([o, t], k) => ({ original: o.length ? side(corpus, o) : null, translation: t.length ? side(corpus, t) : null, confidence: p.segmentConfidence?.[k] ?? null })),
    work: { id: work.meta.id, title: work.meta.title },
  };
}
