/**
 * Soviet compounds begun by ген- (general: генштаб General Staff, генпрокурор, генконсул) are read
 * by their parts as the other standard clippings are (src/search/expand/compound-ru.ts). Real
 * corpus; the query is none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compoundGlosses } from '../src/search/expand/compound-ru.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

describe('GIVEN a compound of ген- and a word the glossary knows', () => {
  it('THEN it is read as "general" and that word', () => {
    const glosses = compoundGlosses('генштаб', (w) => (w === 'штаб' ? [{ term: 'staff', weight: 1 }] : []));
    expect(glosses.map((g) => g.term).sort()).toEqual(['general', 'staff']);
  });

  it('THEN a word that merely begins with ген- and no known word after it stays whole', () => {
    expect(compoundGlosses('гениальный', () => [])).toEqual([]);
  });

  it('THEN a Russian query with it finds the English passage on the General Staff', async () => {
    const hits = (await engine.search('связь с немецким генштабом', { limit: 3 })).hits;
    expect(hits.map((h) => h.block.plain).join(' ')).toContain('must supply the German General Staff');
  });
});
