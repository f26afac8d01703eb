/**
 * A one-word topic typed with a capital, as a reader starts a sentence ("Covering", "Proves"):
 * a common word, whose form is the reader's choice, not a name, whose spelling is the
 * transliterator's (src/search/typed-form.ts sentenceCase). Read as a name, the passages holding
 * its stem in another form ("cover", "prove") outranked the one spelling it as typed, and a
 * passage saying "his Internationalism, the third is …" was read as introducing a person by a role.
 * Real corpus; the words were drawn at random from it for this rule, none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const top = async (query: string, n: number) => (await engine.search(query, { limit: n })).hits.map((h) => h.block.plain);

describe('GIVEN a common word typed alone with a capital, its stem in other forms in many passages', () => {
  it('THEN the passage spelling the word as typed ranks first, as it does typed in lower case', async () => {
    // Before: "These paragraphs are a lie …" (cover) first, the passage below the first ten.
    expect((await top('Covering', 1))[0]).toContain("Trotsky's principal tactic in covering up the bloc");
    expect((await top('covering', 1))[0]).toContain("Trotsky's principal tactic in covering up the bloc");
    // Before: a note with "reestablishing" first, the passage 6th.
    expect((await top('Reestablish', 1))[0]).toContain('with plotting to "reestablish the capitalist');
    // Before: a passage saying "prove" first.
    expect((await top('Proves', 1))[0]).toContain('it is impossible to find one who proves it');
  });

  it('THEN no passage is read as introducing it by a role, as a name is', async () => {
    // Before: first, shown with its note "… the second pillar depicts his Internationalism, the
    // third is his theory …", read as an appositive naming a person's role.
    expect((await top('Internationalism', 1))[0]).not.toContain('Everything has changed');
  });
});

describe('GIVEN a name typed alone with a capital', () => {
  it('THEN it keeps its spellings: a name is not read as a common word', async () => {
    // "Ryutin" is the reader's spelling, "Riutin" the text's: no form of a common word to compare.
    expect((await top('Ryutin', 3)).some((p) => /Riutin/.test(p))).toBe(true);
    // A name after a question word is no sentence's first word: its role still introduces it.
    expect((await top('who is Arch Getty', 1))[0]).toMatch(/historian (J\. )?Arch Getty/);
  });
});
