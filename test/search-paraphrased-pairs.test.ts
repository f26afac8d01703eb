/**
 * Neighbouring words of the query side by side in a passage, in other words (src/search/paraphrased-pairs.ts).
 * The words are analysed as search analyses them; the expansions are written here, as the engine
 * would give them, so each rule is seen alone.
 */
import { describe, expect, it } from 'vitest';
import type { QueryWord } from '../src/search/analyse/index.ts';
import { pairCovers, paraphrasedPairShare } from '../src/search/paraphrased-pairs.ts';
import { termPositions } from '../src/search/term-positions.ts';

const word = (text: string, terms: string[], expansions: { term: string; weight: number; cover?: number }[] = []): QueryWord => ({ text, terms, parts: [], expansions });

const seasoned = word('seasoned', ['season'], [{ term: 'experienc', weight: 0.34, cover: 0.59 }]);
const plotter = word('plotter', ['plotter'], [{ term: 'conspir', weight: 0.17, cover: 0.33 }]);
const share = (text: string, words: QueryWord[]) => paraphrasedPairShare(termPositions(text), pairCovers(words));

describe('GIVEN a two-word phrase of the query', () => {
  it('THEN a passage saying both words again, side by side, counts the pair by their closeness', () => {
    expect(share('as an experienced conspirator, Trotsky would never', [seasoned, plotter])).toBeCloseTo(Math.sqrt(0.59 * 0.33), 10);
  });

  it('THEN one word its own and the other in other words counts too', () => {
    expect(share('a seasoned conspirator', [seasoned, plotter])).toBeCloseTo(Math.sqrt(1 * 0.33), 10);
  });

  it('THEN the two words as typed are no paraphrase (proximity and phrasing weigh them)', () => {
    expect(share('a seasoned plotter', [seasoned, plotter])).toBe(0);
  });

  it('THEN for a short query, whose two words side by side are its topic, the words as typed count whole', () => {
    const literal = (text: string) => paraphrasedPairShare(termPositions(text), pairCovers([seasoned, plotter]), true);
    expect(literal('a seasoned plotter')).toBe(1);
    expect(literal('a seasoned old plotter')).toBe(1);
    expect(literal('the plotter was seasoned')).toBe(0);
  });

  it('THEN the words reversed, or more than two tokens apart, count nothing', () => {
    expect(share('the conspirator was experienced', [seasoned, plotter])).toBe(0);
    expect(share('experienced in the ways of a conspirator', [seasoned, plotter])).toBe(0);
    expect(share('experienced old conspirator', [seasoned, plotter])).toBeCloseTo(Math.sqrt(0.59 * 0.33), 10);
  });
});

describe('GIVEN a term that stands for two words at once ("Trotsky\'s son" → Sedov)', () => {
  it('THEN it makes no pair', () => {
    const trotsky = word('trotsky', ['trotski'], [{ term: 'sedov', weight: 0.9 }]);
    const son = word('son', ['son'], [{ term: 'sedov', weight: 0.9 }]);
    expect(pairCovers([trotsky, son]).map((c) => c.has('sedov'))).toEqual([false, false]);
    expect(share('Trotsky and Sedov wrote', [trotsky, son])).toBe(0);
  });
});

describe('GIVEN a query of three words', () => {
  it('THEN the share is of its two neighbouring pairs', () => {
    const constitution = word('constitution', ['constitut']);
    expect(share('an experienced conspirator drafted the constitution', [seasoned, plotter, constitution])).toBeCloseTo(Math.sqrt(0.59 * 0.33) / 2, 10);
  });
});
