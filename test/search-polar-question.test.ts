/**
 * Yes/no questions (src/search/polar-question.ts, read by rerank.ts): the passage that denies or
 * affirms the question's claim in one sentence answers it. Real corpus; the queries are none of
 * ../shared/eval's nor of the own cases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { asksYesNo } from '../src/search/polar-question.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const top = async (query: string) => (await engine.search(query, { limit: 1 })).hits[0]?.block.plain ?? '';

describe('GIVEN a question opened by an auxiliary or a modal', () => {
  it('THEN it is read as a yes/no question, and a wh- question or a statement is not', () => {
    expect(asksYesNo('did trotsky deny the bloc')).toBe(true);
    expect(asksYesNo('were the confessions forced')).toBe(true);
    expect(asksYesNo('can we trust trotsky')).toBe(true);
    expect(asksYesNo('what did trotsky deny')).toBe(false);
    expect(asksYesNo('trotsky denied the bloc')).toBe(false);
    expect(asksYesNo('docs of the trial')).toBe(false);
  });
});

describe('GIVEN a yes/no question whose claim one passage denies and others only name', () => {
  it('THEN the passage saying the claim is false ranks first', async () => {
    // Before: a passage on evidence "to contradict the viewpoint … forced to make false confessions" first.
    expect(await top('were the confessions forced')).toContain('are not fabrications forced upon innocent');
    // Before: "Trotsky decided to deny everything the Soviets charged him" first, which names no bloc in the sentence.
    expect(await top('did Trotsky deny the bloc')).toContain('Trotsky did not only deny the bloc');
  });
});
