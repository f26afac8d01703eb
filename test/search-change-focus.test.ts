/**
 * A question for a change (src/search/change-cue.ts): "how did X change" asks for the before and
 * the after, which a passage gives in words of turning — "became", "revised", "replaced", "no
 * longer", "instead" — common or stop words BM25 reads as nothing. Real corpus; the queries are
 * written for these tests, none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { questionFocus } from '../src/search/rerank.ts';
import { readPassage } from '../src/search/passage-reading.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const top = async (query: string, n = 1) => (await engine.search(query, { limit: n })).hits.map((h) => h.block.plain);

describe('GIVEN a question that asks how something changed', () => {
  it('THEN its focus is a change, wherever its verb stands after "how", and "how did …" alone asks for none', () => {
    expect(questionFocus('how did the party change under stalin')).toEqual({ kind: 'change' });
    expect(questionFocus('how would the finds change the accepted view of the trials')).toEqual({ kind: 'change' });
    expect(questionFocus('how was the indictment revised')).toEqual({ kind: 'change' });
    expect(questionFocus('what changed after the secret speech')).toEqual({ kind: 'change' });
    expect(questionFocus('how did trotsky follow the kirov case')).toBeUndefined();
    expect(questionFocus('how many times did trotsky change his story')).toEqual({ kind: 'number', counted: 'times' });
  });

  it('THEN a change is read in the words that tell one', () => {
    const cues = (text: string) => readPassage(text).changes;
    expect(cues('Everything has changed.')).toEqual([2]);
    expect(cues('Stalin and the Party leadership no longer trusted them')).toEqual([5]);
    expect(cues('these discoveries would necessitate a complete revision')).toEqual([6]);
    expect(cues('Yezhov was persuaded to resign')).toEqual([]);
  });

  it('THEN the passage that tells the change near the question’s words ranks above those naming its topic', async () => {
    // The note on Broué's Harvard finds and the book's summary of them share the words (3rd before the
    // rule); the passage saying the finds would need "a complete revision" of the view tells the change.
    const hits = await top('how did Broué think the Harvard letters would change the accepted view of the Moscow Trials', 2);
    expect(hits.join(' ')).toContain('would necessitate a complete revision of the conventional anticommunist');
  });
});
