/**
 * An -сти or -зти verb's past participle (src/search/expand/glossary-forms.ts participleForms):
 * переведены is перевести's (translated), приведены привести's, изобретён изобрести's, though its
 * stem (перевед) is no form of the infinitive. Real corpus; the query is none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { participleForms } from '../src/search/expand/glossary-forms.ts';
import { glossaryTerms } from '../src/search/expand/glossary.ts';
import { analyseTerm } from '../src/search/analyse/index.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const english = (word: string) => glossaryTerms(word, analyseTerm(word, { query: true })).map((g) => g.term);

describe('GIVEN the past participle of an -сти verb', () => {
  it('THEN its forms are guessed on the stem its past has', () => {
    expect(participleForms('перевести')).toEqual(expect.arrayContaining(['переведен', 'переведены', 'переведенный']));
    expect(participleForms('изобрести')).toContain('изобретен');
    expect(participleForms('расти')).toEqual([]);
  });

  it('THEN the glossary reads it as the verb', () => {
    expect(english('переведены')).toContain('translat');
    expect(english('изобретен')).toContain('invent');
  });

  it('THEN a Russian phrase with it finds the English passage that says it', async () => {
    const hits = (await engine.search('депеши переведены', { limit: 3 })).hits;
    expect(hits.map((h) => h.block.plain).join(' ')).toContain('dispatches translated');
  });
});
