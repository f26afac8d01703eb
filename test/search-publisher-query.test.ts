/**
 * Asked who published a work, or where (src/search/publisher-query.ts): the work's own imprint
 * (its front matter) answers when it is in the library, else the bibliography entry listing it,
 * which holds the work's words but not "published". Real corpus; the queries are none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { asksWhoPublished, isWorkKind } from '../src/search/publisher-query.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const top = async (query: string, n: number) => (await engine.search(query, { limit: n })).hits.map((h) => h.block);

describe('GIVEN a question who published a work the library only cites', () => {
  it('THEN the bibliography entry listing it comes first', async () => {
    const [first] = await top('who published Khrushchev Lied', 1);
    expect(first!.kind).toBe('bibliography');
    expect(first!.plain).toContain('Kettering, OH');
  });
});

describe('GIVEN a question naming the kind of work ("Getty\'s book", "Bobrov\'s article"), which its entry does not say', () => {
  it('THEN the entry holding its other words comes first', async () => {
    // Before: passages saying "book" or "article" beside the name first, the entry not in the first three.
    expect((await top("who published Getty's book on Yezhov", 1))[0]!.plain).toContain('New Haven: Yale University Press, 2008');
    expect((await top("where was Bobrov's article on Ordzhonikidze published", 1))[0]!.plain).toContain('Taina smerti Ordzhonikidze');
    expect((await top("where was Broué's article on the bloc of oppositions published", 1))[0]!.plain).toContain('Cahiers Léon Trotsky 5');
  });
});

describe('GIVEN the kind of work typed in a form a list of words would miss ("studies", "volumes", "pieces")', () => {
  it('THEN it is read by its stem, as the analyser reads it', () => {
    for (const w of ['studies', 'volumes', 'pieces', 'pamphlets', 'monographs', 'article', 'books']) expect(isWorkKind(w), w).toBe(true);
    for (const w of ['trotsky', 'published', 'bloc', 'studio']) expect(isWorkKind(w), w).toBe(false);
  });
  it('THEN the entry holding the other words comes first', async () => {
    // Before (a hand-made list of forms): the entry not in the first five for either.
    expect((await top("where were Broué's studies of the bloc of oppositions published", 1))[0]!.plain).toContain('Cahiers Léon Trotsky 5');
    expect((await top("who published Getty's volumes on Yezhov", 1))[0]!.plain).toContain('New Haven: Yale University Press, 2008');
  });
});

describe('GIVEN a question who published a work of the library itself', () => {
  it('THEN its own title and copyright pages answer, not the entries of other works whose titles hold its words', async () => {
    const hits = await top("who published Trotsky's Lies", 2);
    expect(hits.map((b) => b.kind)).toEqual(['front-matter', 'front-matter']);
    expect(hits.some((b) => b.plain.includes('Published by Erythros Press'))).toBe(true);
  });
});

describe('GIVEN publishing asked about without who or where', () => {
  it('THEN it is not read as asking for a publisher', () => {
    expect(asksWhoPublished('when was khrushchev lied published')).toBe(false);
    expect(asksWhoPublished('furr published bloodlands')).toBe(false);
    expect(asksWhoPublished('where was furr s tukhachevsky article published')).toBe(true);
  });
});
