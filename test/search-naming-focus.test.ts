/**
 * A question for a name (src/search/naming-cue.ts): "what did X call Y", "what was Y called" asks
 * for the words X used, which a passage gives beside "called", "so-called", "termed", "known as",
 * "the word" — light or stop words that BM25 never reads. Real corpus; the queries are written
 * for these tests, none is in ../shared/eval.
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

const shown = async (query: string, n: number) => (await engine.search(query, { limit: n })).hits.flatMap((h) => [h.block.plain, h.after?.plain ?? '']);

describe('GIVEN a question that asks what something was called', () => {
  it('THEN its focus is a name, but "called off" or "call number" asks for none, and "why … call" asks a reason for a name', () => {
    expect(questionFocus('what did kamenev call stalin')).toEqual({ kind: 'name' });
    expect(questionFocus('what was the program the rights agreed on called')).toEqual({ kind: 'name' });
    expect(questionFocus('how did trotsky term his retreat')).toEqual({ kind: 'name' });
    expect(questionFocus('what was the plan called off')).toBeUndefined();
    expect(questionFocus("what is the call number of trotsky's lies")).toBeUndefined();
    expect(questionFocus('when were the elections called off')).toEqual({ kind: 'date' });
    expect(questionFocus("why does furr call trotsky's statements lies")).toEqual({ kind: 'cause', named: true });
  });

  it('THEN a naming is read in the words that say one, at its first word', () => {
    const cues = (text: string) => readPassage(text).names;
    expect(cues('This was the so-called Ryutin platform.')).toEqual([4]);
    expect(cues('what Trotsky termed the "necessity" of raising the standard of living')).toEqual([2]);
    expect(cues('the document known as the "Riutin Platform"')).toEqual([2]);
    expect(cues('I use the word "lie" because Trotsky deliberately misled his followers')).toEqual([2]);
    // A call for something names nothing.
    expect(cues('Trotsky called for the overthrow of the regime')).toEqual([1]);
    expect(cues('Trotsky demanded the overthrow of the regime')).toEqual([]);
  });

  it('THEN the passage after the topic that gives the name is shown with it', async () => {
    // The paragraph naming the 1932 programme's principles holds the question's words; the next one names it.
    expect((await shown('what was the 1932 program of the Trotskyites, Zinovievites and Rights called', 1)).join(' ')).toContain('This was the so-called Ryutin platform.');
  });

  it('THEN asked why the author calls it so, the note that names it and gives the reason is among the first', async () => {
    // Passages on Trotsky's lies share the words; only this note says "I use the word … because".
    expect((await shown("why does Furr call Trotsky's claims lies rather than errors", 1)).join(' ')).toContain('I use the word "lie" because Trotsky deliberately misled his followers');
  });
});
