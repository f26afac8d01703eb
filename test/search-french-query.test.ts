/**
 * A query typed in French (src/search/analyse/light.ts readsAsFrench): its function words are light,
 * as English question words are, so its words of substance choose the passage rather than les, des,
 * qui, which every French passage has. Real corpus; queries written for this test, none in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/query.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { shownHitTexts } from '../src/search/shown.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const lightWords = (query: string) => parseQuery(query).words.filter((w) => w.light).map((w) => w.text);

describe('GIVEN a query with two French function words or more', () => {
  it('THEN those words are light and its words of substance are not', () => {
    expect(lightWords('le fils de Trotsky a bu toute la journée chez Mak')).toEqual(['le', 'de', 'toute', 'la', 'chez']);
    expect(lightWords('les procès de Moscou étaient-ils truqués')).toEqual(['les', 'de', 'étaientils']);
    expect(lightWords('quand Furr a-t-il commencé à étudier la langue russe')).toEqual(['quand', 'atil', 'la']);
    expect(lightWords('accord des droitiers avec le centre du bloc')).toEqual(['des', 'avec', 'le', 'du']);
    // One function word and a lower-case word with a French letter: French too.
    expect(lightWords('qui a tué Kirov')).toEqual(['qui']);
  });

  it('THEN the passage its words of substance name ranks in the first three, above French passages that share only its grammar', async () => {
    const { hits } = await engine.search('le fils de Trotsky a bu toute la journée chez Mak', { limit: 3 });
    expect(hits.some((h) => shownHitTexts(engine.corpus, h).join(' ').includes("Sedov sat the whole day drinking at Mak's"))).toBe(true);
  });
});

describe('GIVEN an English query whose words French also has', () => {
  it('THEN nothing is made light for French: one French-only word, or words English has too (son, sur), is not French', () => {
    expect(lightWords('Sedov, the son of Trotsky, and his son')).toEqual([]);
    expect(lightWords('Les Temps article on the consul')).toEqual([]);
    expect(lightWords('Trotsky sur le terrorisme')).toEqual([]);
    expect(lightWords('what did Broué write in le Monde')).toEqual([]);
  });
});
