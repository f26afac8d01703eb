/**
 * Russian compounds the glossary does not list are read by their parts (expand/compound-ru.ts):
 * a standard Soviet clipping before a known word; ordinary words that merely begin like a clipping
 * stay whole, a clipping before an unknown word gives nothing, and stems joined by о/е are not split.
 */
import { describe, expect, it } from 'vitest';
import { analyseTerm, isKey } from '../src/search/analyse/index.ts';
import { compoundGlosses, PART_WEIGHT, type Lookup } from '../src/search/expand/compound-ru.ts';
import { glossaryTerms } from '../src/search/expand/glossary.ts';
import { realEngine } from './helpers/corpus.ts';

const english = (word: string) => analyseTerm(word).filter((t) => !isKey(t))[0]!;
/** The bundled glossary as compound-ru reads it: a Russian word's English terms. */
const bundled: Lookup = (word) => glossaryTerms(word, analyseTerm(word, { query: true }));
const terms = (word: string) => compoundGlosses(word, bundled).map((g) => g.term);

describe('GIVEN a Russian compound the glossary does not list', () => {
  it('THEN a standard clipping and the known word after it give both English words', () => {
    expect(terms('госбезопасности')).toEqual(expect.arrayContaining([english('state'), english('security')]));
    expect(terms('партархиве')).toEqual(expect.arrayContaining([english('party'), english('archive')]));
    expect(terms('политзаключённых')).toEqual(expect.arrayContaining([english('political'), english('prisoner')]));
  });

  it('THEN two stems joined by a linking vowel are left to the glossary: their sum is often not their meaning', () => {
    const lookup: Lookup = (w) => (w === 'сам' ? [{ term: 'self', weight: 1 }] : w === 'убийца' ? [{ term: 'murder', weight: 1 }] : []);
    expect(compoundGlosses('самоубийца', lookup)).toEqual([]);
  });

  it('THEN the glossary gives the parts for the word, each below a gloss of a whole word', () => {
    const glossed = bundled('партархиве');
    expect(glossed.map((g) => g.term)).toEqual(expect.arrayContaining([english('party'), english('archive')]));
    for (const g of glossed) expect(g.weight).toBeLessThanOrEqual(PART_WEIGHT);
  });

  it('THEN a word that only begins like a clipping, or leaves an unknown part, gives nothing', () => {
    for (const word of ['госпиталь', 'гораздо', 'районе', 'политика', 'государство', 'ревизия', 'контора']) expect(terms(word)).toEqual([]);
    expect(compoundGlosses('партархиве', () => [])).toEqual([]);
  });
});

describe('GIVEN a Russian query with a compound, over the bundled corpus', () => {
  const top = async (query: string, n: number) => {
    const { engine } = await realEngine();
    const { hits } = await engine.search(query, { limit: n });
    return hits.map((h) => h.block.plain).join(' ');
  };

  it('THEN the English passage that says its parts is found', async () => {
    // партархив alone found nothing before: the word is in no passage and no glossary line.
    expect(await top('партархив', 1)).toContain('Central Party archive');
    expect(await top('профсоюзная дискуссия Зиновьева', 1)).toContain('trade union discussion');
  });
});
