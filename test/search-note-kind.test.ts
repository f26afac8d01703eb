/**
 * Footnotes that state something against footnotes that only cite (src/search/note-kind.ts): a
 * prose note competes with the text at a paragraph's weight, a citing note stays at its lower one.
 * On the bundled corpus's own notes, and on queries written from them (none is in ../shared/eval).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { Block } from '../src/corpus/model.ts';
import { snippetMatches } from '../src/eval/normalize.ts';
import { kindWeight, SearchEngine, shownWith } from '../src/search/engine.ts';
import { isCitingNote } from '../src/search/note-kind.ts';
import { realEngine } from './helpers/corpus.ts';

let corpus: Corpus;
let engine: SearchEngine;
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
});

/** The corpus's one footnote holding the snippet. */
const note = (snippet: string): Block => {
  const found = corpus.works.flatMap((w) => w.blocks).filter((b) => b.kind === 'footnote' && snippetMatches(b.plain, snippet));
  expect(found.length, snippet).toBe(1);
  return found[0]!;
};
const paragraph = () => corpus.works.flatMap((w) => w.blocks).find((b) => b.kind === 'paragraph')!;

describe('GIVEN the footnotes of the bundled corpus', () => {
  it('THEN a note that states something in prose is told from one that only cites', () => {
    const prose = [
      'This is the common acronym for Partido Obrero',
      'It was completed by Charles Malamuth',
      // Carries a citation (B.O. #42), and says what the translators added.
      'two paragraphs concerning the 1926 Opposition platform have been inserted',
      'Trotsky is referring to the Moscow Center trial of January 1935',
      'This text was later banned by Stalin.',
      'Trotsky in a short video made in Mexico 1937 defines Stalinism',
    ];
    const citing = [
      'For a sample of Khrushchev',
      'Anna Larina. This I Cannot Forget.',
      'Oleg V. Khlevniuk, "Stalin, Syrtsov, Lominadze',
      '"Narodnomu kommisaru Oborony Soiuza SSR',
      'See Chapter 4 of this book',
      'Getty and Naumov Road 61.',
    ];
    for (const s of prose) expect(isCitingNote(note(s).plain), s).toBe(false);
    for (const s of citing) expect(isCitingNote(note(s).plain), s).toBe(true);
  });

  it('THEN a title in sentence case, a title in French, and a sentence saying where a text is are no prose of the note’s own', () => {
    // Sentence-case titles in a note with an imprint ("New York: Harper & Brothers, 1937"): no verb.
    expect(isCitingNote(note('Preliminary Commission Coyoacán, Mexico, 1937').plain)).toBe(true);
    // "… is in Lenoe, The Kirov Murder …", "My critique of Lenoe's omissions is in Furr Kirov 210-217."
    expect(isCitingNote(note('Russian text of the Indictment').plain)).toBe(true);
    // French words are not English content words: "Au pays du grand mensonge" is a title.
    expect(isCitingNote("Broué 14. Broué's reference is to A. Ciliga, Au pays du grand mensonge. Paris: Gallimard, 1938.")).toBe(true);
    expect(isCitingNote('Broué 14. Broué refers to the chapter on the isolator at Verkhneuralsk and its collective.')).toBe(false);
    // A Spanish name inside an English sentence leaves the sentence English.
    expect(isCitingNote(note('This is the common acronym for Partido Obrero').plain)).toBe(false);
    // The same note saying what the book is called in English states a fact only it has.
    expect(isCitingNote(note('Published in English as The Russian Enigma').plain)).toBe(false);
    // A web address ends a sentence: the statement after it is the note's own.
    expect(isCitingNote(note('The French edition of Trotsky').plain)).toBe(false);
    // Without an imprint a verbless heading is still read by its words, as before.
    expect(isCitingNote('Reprinted in book form in R-PP 149.')).toBe(true);
  });

  it('THEN a prose note weighs as a paragraph, and a citing note stays at its lower weight', () => {
    const full = kindWeight(paragraph());
    expect(kindWeight(note('This is the common acronym for Partido Obrero'))).toBe(full);
    expect(kindWeight(note('two paragraphs concerning the 1926 Opposition platform have been inserted'))).toBe(full);
    expect(kindWeight(note('For a sample of Khrushchev'))).toBeLessThan(full * 0.7);
    expect(kindWeight(note('Anna Larina. This I Cannot Forget.'))).toBeLessThan(full * 0.7);
  });
});

describe('GIVEN a query for a fact only a prose note states', () => {
  it('THEN the note ranks first, also when it cites a work too, and the reply shows it with the passage it annotates', async () => {
    // "Livre rouge pp. 68-71, … The Livre rouge and B.O. ##52-53 are the same work.": a citation and a statement.
    const hits = (await engine.search('is the Livre rouge the same as the Bulletin', { limit: 5 })).hits;
    expect(hits[0]!.block.kind).toBe('footnote');
    expect(snippetMatches(hits[0]!.block.plain, 'The Livre rouge and B.O. ##52-53 are the same work')).toBe(true);
    const shown = shownWith(corpus, hits[0]!.block);
    expect(shown.kind).not.toBe('footnote');
    expect(shown.markers.some((m) => m.footnoteId === hits[0]!.block.id)).toBe(true);
  });

  it('THEN a note found directly is still shown with the passage it annotates', async () => {
    const grasset = note('published by Grasset (Paris) in 1948');
    const top = (await engine.search("who published the French edition of Trotsky's Stalin biography", { limit: 3 })).hits[0]!.block;
    // The note, or the passage it annotates when that scores nearly as well: one result either way.
    expect([grasset.id, grasset.refBlock]).toContain(top.id);
    const shown = shownWith(corpus, grasset);
    expect(shown.kind).toBe('paragraph');
    expect(shown.markers.some((m) => m.footnoteId === grasset.id)).toBe(true);
  });

  it('THEN a citing note still does not outrank the passages about its title words', async () => {
    const first = (await engine.search("Khrushchev's lies about Stalin", { limit: 3 })).hits[0]!.block;
    expect(first.kind).not.toBe('footnote');
  });
});
