/**
 * A note under an original in another language (a Russian quotation under an English note) is read
 * with the original's translation too (src/search/index-build.ts annotatedText), as the reply shows
 * them together: the reader asks in the note's language. Real corpus; the queries are none of
 * ../shared/eval's nor of the own cases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { passageDocuments } from '../src/search/index-build.ts';
import { shownHitBlocks } from '../src/search/shown.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
let corpus: Corpus;
beforeAll(async () => {
  ({ engine, corpus } = await realEngine());
});

describe('GIVEN a note citing the source of a Russian quotation that the text translates', () => {
  it("THEN the note is indexed with the translation's words as well as the original's", () => {
    const doc = passageDocuments(corpus).find((d) => d.id === 'trotskys-lies.n4');
    expect(doc?.heading).toContain('Сталин в двух комиссариатах');
    expect(doc?.heading).toContain('commissariats');
  });

  it('THEN an English question for the source finds the note, shown with the quotation it annotates', async () => {
    const hit = (await engine.search('Chuev pages for Molotov saying Lenin made Stalin General Secretary', { limit: 1 })).hits[0]!;
    expect(shownHitBlocks(corpus, hit).map((b) => b.plain).join('\n')).toContain('Felix Chuev, Molotov. Poluderzhavniy Vlastelin, pp. 239-241');
    const ids = (await engine.search("where is Lenin's remark that Stalin held two commissariats published", { limit: 3 })).hits.map((h) => h.block.id);
    expect(ids).toContain('trotskys-lies.n4');
  });
});
