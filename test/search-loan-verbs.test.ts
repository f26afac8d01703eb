/**
 * A Russian loan verb in -ировать in any of its forms (src/search/expand/cognates.ts loanVerbEnding):
 * its participles in every case, its adverb, its tenses and verbal noun are the English word too
 * (изолированно: isolation, мотивированных: motivated). Real corpus; the queries are none of
 * ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cognateStems } from '../src/search/expand/cognates.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const held = (...stems: string[]) => (s: string) => stems.includes(s);

describe('GIVEN a form of a loan verb the glossary does not list', () => {
  it('THEN its adverb and its participles in any case are the English cognate', () => {
    expect(cognateStems('изолированно', held('isol'))).toContain('isol');
    expect(cognateStems('изолированная', held('isol'))).toContain('isol');
    expect(cognateStems('мотивированных', held('motiv'))).toContain('motiv');
    expect(cognateStems('мотивирует', held('motiv'))).toContain('motiv');
  });

  it('THEN a word that only ends like one is read as before (Кирова, a name\'s genitive: Kirov, not kir-)', () => {
    expect(cognateStems('кирова', held('kir', 'kirov'))).toEqual(['kirov']);
  });

  it('THEN a Russian question with it finds the English passage that says it', async () => {
    const hits = (await engine.search('каждое доказательство изолированно можно объяснить по-разному', { limit: 3 })).hits;
    expect(hits.map((h) => h.block.plain).join(' ')).toContain('in isolation from the whole concatenation of evidence');
  });
});
