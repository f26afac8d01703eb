/**
 * A Russian word's English glosses and WordNet (src/search/expand/index.ts, wordnet.ts
 * sharedGlossSynonyms): a word WordNet gives as a synonym of two of one Russian word's glosses is
 * that word's sense (отдельная: separate, individual → single), and stands for it below its glosses;
 * a single gloss's own synonyms are its other senses (hide: pelt, skin), not the Russian word's, and
 * are not followed. On the real corpus; the queries are our own cases (search-own), written from the
 * corpus before the change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { sharedGlossSynonyms } from '../src/search/expand/wordnet.ts';
import { realEngine } from './helpers/corpus.ts';
import { inShown, rankWhere } from './helpers/rank.ts';

let corpus: Corpus;
let engine: SearchEngine;
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
}, 120_000);

const rank = (q: string, snippet: string) => rankWhere(engine, q, inShown(corpus, snippet));
const expansions = (word: string) => (engine.expand(engine.parse(word)).words[0]!.expansions ?? []).map((e) => e.term);

describe('GIVEN a Russian word the glossary gives two English words that WordNet makes synonyms of a third', () => {
  it('THEN the third stands for the Russian word, and no other sense of either gloss does', () => {
    const shared = sharedGlossSynonyms(['hide', 'conceal']).map((s) => s.term);
    expect(shared).toContain('cover');
    // hide's sense as an animal's skin is no sense of скрывать.
    for (const other of ['pelt', 'skin', 'fell']) expect(shared).not.toContain(other);
    expect(expansions('отдельная')).toContain('singl');
  });

  it('THEN a word with one gloss gets no WordNet synonym through it', () => {
    expect(sharedGlossSynonyms(['publish'])).toEqual([]);
    expect(expansions('издательства')).not.toContain('print');
  });

  it('THEN the English passage saying the shared sense ranks first', async () => {
    // отдельная (separate, individual) meets "single": 2nd before.
    expect(await rank('отдельная улика, рассматриваемая изолированно, допускает много объяснений', 'No single piece or unit of evidence is unequivocal')).toBe(1);
    expect(await rank('следствие завершено', 'The investigation is completed.')).toBe(1);
  });
});
