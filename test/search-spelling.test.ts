/**
 * British and American spellings meet (src/search/analyse/spelling.ts): the bundled texts write
 * "center" and "centre", "organization" and "organisation", and a reader types either.
 */
import snowball from 'snowball-stemmers';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseTerm, analysisOptions } from '../src/search/analyse/index.ts';
import { stemEnglish } from '../src/search/analyse/stem.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  engine = (await realEngine()).engine;
}, 120_000);

describe('GIVEN a word in its British and its American spelling', () => {
  it('THEN both give the same index terms', () => {
    const pairs = [
      ['organisation', 'organization'],
      ['centre', 'center'],
      ['defence', 'defense'],
      ['favourable', 'favorable'],
      ['labour', 'labor'],
      ['demonised', 'demonized'],
      ['jewellery', 'jewelry'],
    ];
    for (const [gb, us] of pairs) expect(analyseTerm(gb!), gb).toEqual(analyseTerm(us!));
  });

  it('THEN a word that only ends like a British spelling keeps its own stem', () => {
    const porter2 = snowball.newStemmer('english');
    for (const w of ['advise', 'surprise', 'promise', 'rise', 'otherwise', 'exercise', 'compromise', 'colour-blind']) {
      expect(stemEnglish(w), w).toBe(porter2.stem(w));
    }
  });

  it('THEN the analysis fingerprint names the spelling table, so an index built without it is rebuilt', () => {
    expect(analysisOptions().spelling).toEqual({ package: 'american-british-english-translator', version: '0.2.1', size: expect.any(Number) });
    expect(analysisOptions().spelling.size).toBeGreaterThan(1_500);
  });
});

describe('GIVEN a query spelt the other way than the text', () => {
  it('THEN the bundled corpus answers it as it answers the text’s own spelling, scores and all', async () => {
    const ids = async (q: string) => (await engine.search(q, { limit: 5 })).hits.map((h) => [h.block.id, h.score]);
    expect(await ids('one organisation with a single centre')).toEqual(await ids('one organization with a single center'));
    expect(await ids('favorable attitude')).toEqual(await ids('favourable attitude'));
  });

  it('THEN the English passage comes first, not the French one that shares the British spelling', async () => {
    const { hits } = await engine.search('separate organisation', { limit: 3 });
    expect(hits[0]!.block.plain).toContain('entered into one organization with a single center');
  });

  it('THEN the snippet marks the word as the text spells it', async () => {
    const { hits } = await engine.search('favorable attitude German fascists', { limit: 1 });
    expect(hits[0]!.snippet).toContain('**favourable** **attitude**');
  });
});
