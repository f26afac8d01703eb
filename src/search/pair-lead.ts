/**
 * A translation pair is one passage in two languages: a reply shows each side with the other beside
 * it (shown.ts), so a search lists it once, led by the side in the query's language.
 */
import type { Corpus } from '../corpus/corpus.ts';
import type { Block, TranslationPair } from '../corpus/model.ts';
import { shownBlocks } from './shown.ts';

/** What of a candidate this reads and writes: the engine's candidates carry more, kept as they are. */
interface Listed {
  block: Block;
  score: number;
}

/**
 * A found side leads over the query-language side only when that side scores under this share of it
 * and shows less: it was found through words only its own reply shows (its note, its lead-in).
 */
const PAIR_LEAD_SHARE = 0.5;

/**
 * The blocks listed as one: both sides of the segment a block is in (a pair aligned paragraph by
 * paragraph is several passages), or of the whole pair when it has no segment for the block.
 */
function pairUnitIds(corpus: Corpus, block: Block): readonly string[] {
  const pair = block.pair ? corpus.pair(block.pair) : undefined;
  if (!pair) return [block.id];
  return unitsOf(pair).get(block.id) ?? [...pair.original, ...pair.via, ...pair.translation];
}

/**
 * Each block of a pair → the blocks of its segment, made once per pair: a scan of the pair's
 * segments for every candidate read a long pair (a book's appendix of documents) once per candidate.
 */
const segmentUnits = new WeakMap<TranslationPair, Map<string, readonly string[]>>();
function unitsOf(pair: TranslationPair): Map<string, readonly string[]> {
  let units = segmentUnits.get(pair);
  if (!units) {
    units = new Map();
    for (const [o, t] of pair.segments) {
      const ids = [...o, ...t];
      // The first segment holding a block is its own, as the scan found it.
      for (const id of ids) if (!units.has(id)) units.set(id, ids);
    }
    segmentUnits.set(pair, units);
  }
  return units;
}

/** Does a reply led by `lead` show every block a reply led by `found` shows (its notes, its lead-in)? */
function showsAll(corpus: Corpus, lead: Block, found: Block): boolean {
  const shown = new Set(shownBlocks(corpus, lead).map((b) => b.id));
  return shownBlocks(corpus, found).every((b) => shown.has(b.id));
}

/**
 * Each pair listed once, at the place and score of its best-scored side, led by the side in the
 * query's language (`lang`; none for a query of mixed languages), found or not: a Russian question
 * answered through the English words of a pair gets the Russian original with the English beside
 * it. The found side keeps the lead only where the query-language side would hide what it was
 * found through (its note or lead-in, which a reply led by the other side does not show) and does
 * not match nearly as well itself (PAIR_LEAD_SHARE). `make` turns a block of the other side into a
 * candidate at a score (undefined when the search's options leave it out: `--lang en`). Only the
 * first `shown` listed take their lead side (a page's worth, the rest being listed once as found):
 * choosing it reads both sides' notes and lead-ins, most of a one-word query's time on a list of
 * hundreds.
 */
export function listPairsOnce<C extends Listed>(corpus: Corpus, candidates: C[], lang: string | undefined, make: (block: Block, score: number) => C | undefined, shown = Number.POSITIVE_INFINITY): C[] {
  if (!candidates.some((c) => c.block.pair)) return candidates;
  // Only a pair's blocks are looked up (leading): most candidates have none.
  const byId = new Map<string, C>();
  for (const c of candidates) if (c.block.pair && !byId.has(c.block.id)) byId.set(c.block.id, c);
  const listed = new Set<string>();
  const out: C[] = [];
  for (const c of candidates) {
    if (!c.block.pair || c.block.kind === 'footnote') {
      out.push(c);
      continue;
    }
    if (listed.has(c.block.id)) continue;
    const unit = pairUnitIds(corpus, c.block);
    for (const id of unit) listed.add(id);
    // Which side leads matters only where the reply shows it; past that the pair is only listed once.
    out.push(lang && c.block.lang !== lang && out.length < shown ? leading(corpus, c, unit, lang, byId, make) : c);
  }
  return out;
}

/** The side of a pair that leads its listing in place of `found`, a side in another language than the query's. */
function leading<C extends Listed>(corpus: Corpus, found: C, unit: readonly string[], lang: string, byId: Map<string, C>, make: (block: Block, score: number) => C | undefined): C {
  const sides = unit.map((id) => corpus.block(id)).filter((b): b is Block => b !== undefined && b.lang === lang && b.kind !== 'footnote');
  if (!sides.length) return found;
  // The query-language side's best-scored block when it was found, else its first.
  const scored = sides.map((b) => byId.get(b.id)).filter((c): c is C => c !== undefined);
  const own = scored.length ? scored.reduce((a, b) => (b.score > a.score ? b : a)) : undefined;
  const block = own?.block ?? sides[0]!;
  if ((own?.score ?? 0) < PAIR_LEAD_SHARE * found.score && !showsAll(corpus, block, found.block)) return found;
  const score = Math.max(own?.score ?? 0, found.score);
  if (own) {
    own.score = score;
    return own;
  }
  return make(block, score) ?? found;
}
