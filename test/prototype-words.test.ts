/**
 * Words that name members of JavaScript's built-in prototypes ("constructor", "toString",
 * "__proto__"…) are ordinary words to a reader. Any table keyed by a word must not answer them
 * from a prototype: "quote constructor" once failed with an internal error because WordNet's
 * irregular-forms table gave Object's constructor function as the word's base form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../src/reply/model.ts';
import { createRealDispatch, testScope, type RealDispatch } from './helpers/real-dispatch.ts';

let real: RealDispatch;
beforeAll(async () => {
  real = await createRealDispatch();
});

const PROTOTYPE_WORDS = [
  ...new Set(
    [Object.prototype, Array.prototype, Function.prototype, String.prototype]
      .flatMap((p) => Object.getOwnPropertyNames(p))
      .concat('__proto__', 'prototype')
      .map((n) => n.toLowerCase()),
  ),
];
// The same word as a reader might type it: alone, inflected, in a question, beside a name, in Russian company.
const shapes = (w: string) => [w, `${w}s`, `${w}ed`, `who is ${w}?`, `${w} Trotsky`, `"${w}"`, `Троцкий ${w}`];

const internal = (r: Reply) => r.error?.identifier === 'internal';

describe('GIVEN query words that name members of built-in prototypes', () => {
  it('THEN /quote answers every shape of every word without an internal error', async () => {
    const failed: string[] = [];
    for (const w of PROTOTYPE_WORDS) {
      for (const query of shapes(w)) {
        if (internal(await real.dispatch({ command: 'quote', args: { query }, scope: testScope() }))) failed.push(query);
      }
    }
    expect(PROTOTYPE_WORDS.length).toBeGreaterThan(40);
    expect(failed).toEqual([]);
  }, 120_000);

  it('THEN /source and /translate answer them without an internal error', async () => {
    const failed: string[] = [];
    for (const w of PROTOTYPE_WORDS) {
      if (internal(await real.dispatch({ command: 'source', args: { text: w }, scope: testScope() }))) failed.push(`source ${w}`);
      if (internal(await real.dispatch({ command: 'source', args: { text: `(${w} 12)` }, scope: testScope() }))) failed.push(`source (${w} 12)`);
      if (internal(await real.dispatch({ command: 'translate', args: { query: w }, scope: testScope() }))) failed.push(`translate ${w}`);
    }
    expect(failed).toEqual([]);
  }, 120_000);
});
