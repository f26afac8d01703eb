/**
 * A work's author as the speaker of its first-person passages (src/search/speaker.ts): "I found …"
 * in Furr's own text is read under "Grover Furr", so "did Furr find …" meets it; what the author
 * quotes in the first person (a confession, a transcript, a letter) is not. Real corpus; the queries
 * are written for these tests, none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { passageDocuments } from '../src/search/index-build.ts';
import { speaksInFirstPerson } from '../src/search/speaker.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
let corpus: Corpus;
beforeAll(async () => {
  ({ engine, corpus } = await realEngine());
});

const headingOf = (id: string) => passageDocuments(corpus).find((d) => d.id === id)?.heading ?? '';
const idOf = (snippet: string) => [...corpus.passages()].find((p) => p.block.plain.includes(snippet))!.block.id;
const rankOf = async (query: string, snippet: string) => (await engine.search(query, { limit: 10 })).hits.findIndex((h) => h.block.plain.includes(snippet)) + 1;

describe('GIVEN the first person in a passage', () => {
  it('THEN only the passage’s own words count, not what it quotes, and "I" must be the pronoun', () => {
    expect(speaksInFirstPerson('In my book I identify 61 accusations.')).toBe(true);
    expect(speaksInFirstPerson('Trotsky wrote: “I can make stuff up, and people will believe it.”')).toBe(false);
    expect(speaksInFirstPerson('World War I and Volume I of the memoirs.')).toBe(false);
  });
});

describe('GIVEN the bundled works of Grover Furr', () => {
  it('THEN his own first-person passages are read under his name, and no other', () => {
    expect(headingOf(idOf('In my book I identify 61 accusations'))).toContain('Grover Furr');
    expect(headingOf(idOf('Only then did I begin to look for other lies by Trotsky'))).toContain('Grover Furr');
    // Quoted as paragraphs: a confession after a lead-in, one ending in its citation, a transcript turn.
    expect(headingOf(idOf('In the summer of 1934, I was at RADEK'))).not.toContain('Furr');
    expect(headingOf(idOf('In the autumn of 1935, Putna came to my office'))).not.toContain('Furr');
    expect(headingOf(idOf('REPLY: Yes, I confirm it.'))).not.toContain('Furr');
    // A passage of his without the first person is not.
    expect(headingOf(idOf('Marshal Mikhail Tukhachevsky was arrested in the fourth week of May 1937'))).not.toContain('Furr');
  });

  it('THEN a question naming the author finds what he says of himself', async () => {
    expect(await rankOf("what was Furr's aim in studying the Kirov murder", 'My goal has been to solve the Kirov murder case')).toBe(1);
    expect(await rankOf('What made Furr start looking for more of Trotsky’s lies?', 'Only then did I begin to look for other lies by Trotsky')).toBeGreaterThan(0);
  });
});
