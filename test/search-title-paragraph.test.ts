/**
 * A section's title the source set as a paragraph (src/search/title-like.ts, engine.ts
 * TITLE_WEIGHT): "3. Was the Purpose to Restore Capitalism?" holds a short query's words side by
 * side, as typed, in a few words, and outranked the passages under it that say what it names. Real
 * corpus; the queries are none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { readsAsTitle, titleLike } from '../src/search/title-like.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
let corpus: Corpus;
beforeAll(async () => {
  ({ engine, corpus } = await realEngine());
});

const top = async (query: string, n: number) => (await engine.search(query, { limit: n })).hits.map((h) => h.block.plain);

describe('GIVEN the paragraphs of the bundled texts', () => {
  it('THEN the section titles set as paragraphs read as titles, and sentences, lead-ins, addresses and signatures do not', () => {
    const titles = corpus.works.flatMap((w) => w.blocks).filter(readsAsTitle).map((b) => b.plain.trim());
    expect(titles).toContain("Radek's and Piatakov's Testimony");
    expect(titles).toContain('3. Was the Purpose to Restore Capitalism?');
    expect(titles).toContain('Evidence: the March 1938 Moscow Trial');
    for (const line of ['Dear Leon Davidovich:', 'M. Zborowski', 'February 8, 1937', 'TO BE CONTINUED in the next issue', 'X has begun to name names, I await arrest any day.', 'Trotsky includes his "peppery dishes" tale here:']) {
      expect(titleLike(line), line).toBe(false);
    }
  });
});

describe('GIVEN a short query or a why-question whose words a section title holds side by side', () => {
  it('THEN the passages saying what the title names rank above the title', async () => {
    const why = await top('why restore capitalism', 3);
    expect(why).not.toContain('3. Was the Purpose to Restore Capitalism?');
    const thirst = await top('thirst for personal power', 2);
    expect(thirst[0]).not.toContain('The "Restoration of Capitalism" or the "Thirst for Personal Power"?');
    expect(thirst).toContain('The "Restoration of Capitalism" or the "Thirst for Personal Power"?');
  });
});
