/**
 * Proximity (src/search/rerank.ts `proximity`): the query's words close together rank a passage
 * above the same words far apart, in proportion to the share of the query the close window holds,
 * so two words of a long query side by side do not gain what the whole query said in one sentence
 * gains. The cases it moved are measured by npm run eval (docs/search.md, step 5).
 */
import { describe, expect, it } from 'vitest';
import { proximity } from '../src/search/rerank.ts';

describe('GIVEN the smallest window holding one of each query word a passage has', () => {
  it('THEN all of the query side by side gains the whole PROXIMITY (×1.3), and a wider window less', () => {
    expect(proximity(6, 6, 6)).toBeCloseTo(1.3);
    expect(proximity(12, 6, 6)).toBeLessThan(proximity(6, 6, 6));
  });

  it('THEN two of six words side by side gain less than five of six within ten tokens', () => {
    expect(proximity(2, 2, 6)).toBeLessThan(proximity(10, 5, 6));
    // Before, the two side by side gained the whole factor (×1.3 against ×1.13).
    expect(proximity(2, 2, 6)).toBeCloseTo(1.1);
  });

  it('THEN a query of two words is read as before: both side by side gain ×1.3', () => {
    expect(proximity(2, 2, 2)).toBeCloseTo(1.3);
  });
});
