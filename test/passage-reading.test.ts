/**
 * One split of a passage into words for every reader of its words (src/search/passage-reading.ts):
 * term positions, sentences and negations, a match report's spellings, the phrasing's pairs. Each
 * consumer used to split the text itself; they must still see the same words at the same numbers.
 * On every passage of the bundled corpus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../src/corpus/model.ts';
import { fold, joinInitials } from '../src/search/analyse/index.ts';
import { positionsOfReading, readingOf, readPassage, spacedFoldedOf, spacedWords, wordAt, wordsOf } from '../src/search/passage-reading.ts';
import { PASSAGE_WORD, termPositions } from '../src/search/term-positions.ts';
import { realCorpus } from './helpers/corpus.ts';

let blocks: Block[];
beforeAll(async () => {
  const { corpus } = await realCorpus();
  blocks = [...corpus.passages()].map((p) => p.block);
});

describe('GIVEN every passage of the bundled corpus, read once', () => {
  it('THEN its words are the words PASSAGE_WORD splits its text into (initials joined), word by word and in order', () => {
    for (const b of blocks) {
      const split = joinInitials(b.plain).match(PASSAGE_WORD) ?? [];
      const r = readingOf(b);
      expect(wordsOf(r), b.id).toEqual(split);
      expect(wordAt(r, split.length - 1), b.id).toBe(split.at(-1) ?? '');
      expect(wordAt(r, split.length), b.id).toBe('');
      expect(r.sentenceOf.length, b.id).toBe(split.length);
    }
  });

  it('THEN its term positions from the reading are those termPositions makes from its text', () => {
    for (const b of blocks) expect(positionsOfReading(b), b.id).toEqual(termPositions(b.plain));
  });

  it('THEN its spaced folded words are its folded words joined, kept: asked again, the same string without folding again', () => {
    let folds = 0;
    const folded = (x: Block) => (folds++, fold(x.plain));
    for (const b of blocks.slice(0, 200)) expect(spacedFoldedOf(b, folded), b.id).toBe(` ${(fold(b.plain).match(PASSAGE_WORD) ?? []).join(' ')} `);
    const first = folds;
    for (const b of blocks.slice(0, 200)) spacedFoldedOf(b, folded);
    expect(folds).toBe(first);
  });
});

describe('GIVEN a text with initials and a possessive', () => {
  it('THEN initials are one word and the numbering matches the sentences', () => {
    const r = readPassage('Trotsky’s son L. D. Sedov wrote it. B.O. did not.');
    expect(wordsOf(r)).toEqual(joinInitials('Trotsky’s son L. D. Sedov wrote it. B.O. did not.').match(PASSAGE_WORD));
    expect(spacedWords('a, b; c')).toBe(' a b c ');
  });
});
