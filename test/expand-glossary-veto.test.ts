/**
 * A learned pair or a cognate is dropped where the glossary reads the word and says something else
 * (src/search/expand/index.ts, glossaryWordsOf): the pairs' few segments taught убийство → Kirov,
 * признать → lackey, мог → detail and let → критик, and хотел is spelled like "hotel". A capitalised
 * word may be a name, which the glossary's common word does not rule out (Правду: Pravda).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const expansionsOf = (q: string, i = 0) => (engine.expand(engine.parse(q)).words[i]!.expansions ?? []).map((e) => e.term);

describe('GIVEN a Russian word the glossary reads', () => {
  it('THEN a learned pair or cognate unlike its glosses is left out, and the glosses stay', () => {
    expect(expansionsOf('убийством')).not.toContain('kirov');
    expect(expansionsOf('убийством')).toContain('murder');
    expect(expansionsOf('признать')).not.toContain('lackey');
    expect(expansionsOf('признать')).toContain('admit');
    expect(expansionsOf('хотела')).not.toContain('hotel');
    expect(expansionsOf('хотела')).toContain('want');
  });

  it('THEN a learned pair of its family stays (сделав: made)', () => {
    expect(expansionsOf('сделав')).toContain('made');
  });

  it('THEN a capitalised word keeps its cognate, as a name may be (Правду: Pravda)', () => {
    expect(expansionsOf('кто читал Правду', 1)).toContain('pravda');
    expect(expansionsOf('кто читал правду', 1)).not.toContain('pravda');
  });
});

describe('GIVEN an English word the glossary reads', () => {
  it('THEN a learned Russian word unlike its glossary words is left out (let: критик)', () => {
    expect(expansionsOf('let')).not.toContain('критик');
  });
});
