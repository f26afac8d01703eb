/**
 * WordNet's hyphenated words meet the index's joined ones (src/search/expand/hyphenated-stems.ts):
 * the index reads "frame-up" as frameup, WordNet keeps frame-up, so a reader's "setup" never reached
 * the passages saying frame-up, and a reader's "frame-ups" had no synonyms at all. A joined spelling
 * that is a WordNet word of its own (pre-empt and preempt) keeps meaning that word. Real corpus; the
 * queries are none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { relatedStems } from '../src/search/expand/wordnet.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const terms = (stem: string) => relatedStems(stem).map((r) => r.term);

describe('GIVEN a hyphenated word typed as the index joins it (frame-ups → frameup)', () => {
  it('THEN it has the WordNet relations of the hyphenated word', () => {
    expect(terms('frameup')).toContain('setup');
    expect(terms('coverup')).toEqual(expect.arrayContaining(['conceal']));
  });

  it('THEN a joined spelling that is a word of its own keeps its own relations', () => {
    // "preempt" is WordNet's word too: it is not read as pre-empt's other spelling.
    expect(terms('preempt')).not.toContain('preempt');
  });
});

describe('GIVEN a reader\'s word whose WordNet synonym is a hyphenated word of the text (setup: frame-up)', () => {
  it('THEN the synonym is given as the index spells it', () => {
    expect(terms('setup')).toContain('frameup');
    expect(terms('setup')).not.toContain('frame-up');
  });

  it('THEN the passage saying the hyphenated word leads', async () => {
    const hits = (await engine.search('Trotsky falsely called the Moscow Trials a setup', { limit: 3 })).hits;
    expect(hits[0]?.block.plain).toContain('continued to falsely claim that the Moscow Trials were a frame-up');
  });
});
