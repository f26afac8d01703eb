/**
 * Questions whose answer only a citing note gives (src/search/source-asked.ts WORK_DATE,
 * IN_TRANSLATION, WHERE_IN_TEXT): when a work was written or came out, its English translation,
 * where a text was summarised or discussed. Such a note weighs as the text does, as it does for
 * "which article" or "where can I read", instead of below it. Real corpus; the queries are none of
 * ../shared/eval's nor of the own cases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { shownHitBlocks } from '../src/search/shown.ts';
import { asksForSource } from '../src/search/source-asked.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
let corpus: Corpus;
beforeAll(async () => {
  ({ engine, corpus } = await realEngine());
});

/** What the reply's first result shows: the passage, its notes, the other side of its pair. */
const firstShown = async (query: string): Promise<string> => {
  const hit = (await engine.search(query, { limit: 1 })).hits[0];
  return hit ? shownHitBlocks(corpus, hit).map((b) => b.plain).join('\n') : '';
};

describe('GIVEN a question for the year a work came out', () => {
  it('THEN the reply leads with the note giving its date (shown with the passage it annotates)', async () => {
    expect(await firstShown("in what year did Sedov's Red Book on the Moscow Trials appear")).toContain('The Red Book on the Moscow Trials (1936), Chapter 3');
  });
});

describe('GIVEN a question for the English translation of a document', () => {
  it("THEN the note saying where the translation is leads, above the text saying there is one", async () => {
    expect(await firstShown('is the Kirov indictment available in an English translation')).toContain("Lenoe's partial text of the Indictment, in English translation");
  });
});

describe('GIVEN questions that ask when a work was written, for a translation, or where a text is discussed', () => {
  it('THEN they ask for a source; a date, a translation or a "where" about something else does not', () => {
    expect(asksForSource('when did Trotsky write The Workers\' State, Thermidor and Bonapartism')).toBe(true);
    expect(asksForSource('what year is the Red Book from')).toBe(true);
    expect(asksForSource('who translated the Red Book into English')).toBe(true);
    expect(asksForSource('where did Humanité summarise the Nikolaev indictment')).toBe(true);
    expect(asksForSource('where does Furr discuss Iagoda\'s confessions')).toBe(true);
    expect(asksForSource('when was Kirov murdered')).toBe(false);
    expect(asksForSource('when did Trotsky leave the Soviet Union')).toBe(false);
    expect(asksForSource('what did the translators get wrong')).toBe(false);
    expect(asksForSource('where was Trotsky in 1932')).toBe(false);
  });
});
