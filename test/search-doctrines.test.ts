/**
 * A doctrine and its followers meet (src/search/expand/doctrines.ts): Marxist and Marxism,
 * Trotskyist, Trotskyite and Trotskyism, троцкист and троцкизм.
 */
import { describe, expect, it } from 'vitest';
import { analyseTerm } from '../src/search/analyse/index.ts';
import { doctrineSiblings } from '../src/search/expand/doctrines.ts';

const siblings = (word: string, index: string[]) => doctrineSiblings(word, analyseTerm(word), (t) => index.includes(t));

describe('GIVEN a word for a doctrine or its followers', () => {
  it('THEN the other words of the family the index holds stand for it', () => {
    expect(siblings('marxist', ['marxism', 'marxist'])).toEqual(['marxism']);
    expect(siblings('trotskyists', ['trotskyism', 'trotskyit', 'trotskyist'])).toEqual(['trotskyism', 'trotskyit']);
    expect(siblings('trotskyism', ['trotskyist'])).toEqual(['trotskyist']);
    expect(siblings('fascism', ['fascist'])).toEqual(['fascist']);
  });

  it('THEN a Russian word in any case meets its sibling by the stem', () => {
    expect(siblings('троцкистов', ['троцкизм'])).toEqual(['троцкизм']);
    expect(siblings('троцкизма', ['троцкист'])).toEqual(['троцкист']);
  });

  it('THEN a sibling that Porter2 cuts to its root is left out: Stalinist does not stand for every passage on Stalin', () => {
    expect(siblings('stalinist', ['stalin', 'stalinism'])).toEqual([]);
    expect(siblings('socialist', ['social'])).toEqual([]);
  });

  it('THEN words that only end alike, or a sibling the index lacks, give nothing', () => {
    for (const w of ['list', 'exist', 'insist', 'elite', 'twists']) expect(siblings(w, ['lism', 'exism', 'insism', 'elism'])).toEqual([]);
    expect(siblings('marxist', [])).toEqual([]);
  });
});
