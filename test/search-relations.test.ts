/**
 * Relations the texts state between people (src/search/expand/relations.ts): learned from the
 * corpus's own passages ("Leon Sedov, Trotsky's son", "Aleksandr Iakovlev, … Gorbachev's chief for
 * ideology"), so that a query that names the relation meets a passage that names the person. The
 * queries are written for these tests from the corpus; none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { expandRelations, learnRelations, relationsOf, RELATION_WEIGHT } from '../src/search/expand/relations.ts';
import { shownTexts } from '../src/search/shown.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
let corpus: Corpus;
beforeAll(async () => {
  ({ engine, corpus } = await realEngine());
});

const english = () => [...corpus.passages()].filter((p) => p.block.lang === 'en').map((p) => p.block.plain);
const expansions = (query: string, word: string) => engine.expand(engine.parse(query)).words.find((w) => w.text === word)?.expansions ?? [];
const rankOf = async (query: string, snippet: string) => (await engine.search(query, { limit: 10 })).hits.findIndex((h) => shownTexts(corpus, h.block).some((t) => t.includes(snippet))) + 1;

describe('GIVEN the bundled texts, which name people by their relations to others', () => {
  it('THEN the relations are learned from apposition, possession and "X and his R Y", one person each', () => {
    const relations = learnRelations(english());
    const people = (key: string) => [...(relations.get(key)?.keys() ?? [])];
    expect(people('~trotsk\u0000son')).toEqual(['Sedov']);
    expect(people('~gorbachev\u0000chief')).toEqual(['Iakovlev']);
    expect(people('~sedov\u0000secretari')).toEqual(['Estrina']);
  });

  it('THEN a sentence opening with a capitalised word is no person ("However, Trotsky\'s son …")', () => {
    const relations = learnRelations(['However, Trotsky’s son was in Paris. In 1932 Trotsky’s son Leon Sedov wrote.']);
    expect([...relations.keys()]).toEqual(['~trotsk\u0000son']);
    expect([...relations.get('~trotsk\u0000son')!.keys()]).toEqual(['Sedov']);
  });

  it('THEN a relation the text gives to two people stands for neither', () => {
    const relations = learnRelations(['In exile Trotsky’s secretary Jean van Heijenoort wrote.', 'In 1937 Trotsky’s secretary, Sara Weber, wrote.', 'In 1937 Trotsky’s son Leon Sedov wrote.']);
    expect([...relations.get('~trotsk\u0000secretari')!.keys()]).toEqual(['Heijenoort', 'Weber']);
    const parsed = engine.parse("Trotsky's son and Trotsky's secretary");
    expandRelations(parsed, () => relations, () => true);
    expect(parsed.words.find((w) => w.text === 'son')?.expansions?.map((e) => e.term)).toEqual(['sedov', '~sedov']);
    expect(parsed.words.find((w) => w.text === 'secretary')?.expansions).toBeUndefined();
  });
});

describe('GIVEN several engines over the same works (each group searches the bundled corpus)', () => {
  it('THEN each work’s relations are learned once and merged, the counts of the works summed', () => {
    const works = corpus.works;
    const once = relationsOf(works);
    expect(relationsOf(works).get('~trotsk\u0000son')).toEqual(once.get('~trotsk\u0000son'));
    const twice = relationsOf([...works, ...works]);
    expect(twice.get('~trotsk\u0000son')?.get('Sedov')).toBe(2 * once.get('~trotsk\u0000son')!.get('Sedov')!);
  });
});

describe('GIVEN a query that names a person by a relation', () => {
  it('THEN "Trotsky\'s son" and "Trotsky and his son" stand for Sedov, nearly as the words themselves', () => {
    for (const q of ["did Trotsky's son justify terrorism", 'Trotsky and his son in Paris', 'the son of Trotsky in Paris']) {
      for (const word of ['son', 'trotsky']) {
        expect(expansions(q, word).find((e) => e.term === 'sedov')?.weight, `${q}: ${word}`).toBe(RELATION_WEIGHT);
      }
    }
    expect(expansions('Trotsky and his wife', 'wife').some((e) => e.term === 'sedov')).toBe(false);
  });

  it('THEN the passage that names only the person is found', async () => {
    expect(await rankOf("who was the secretary of Trotsky's son", 'secretary to Sedov')).toBeGreaterThan(0);
    expect(await rankOf("were the reports of Gorbachev's ideology chief honest", "Iakovlev's, reports are as phony")).toBeGreaterThan(0);
    expect(await rankOf("the Red Book on the Moscow Trial introduced by Trotsky's son", 'Sedov had signed the introduction')).toBeLessThanOrEqual(3);
  });
});
