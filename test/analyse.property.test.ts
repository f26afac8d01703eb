import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/reply/sentences.ts';
import { analyseTerm, containsPhrase, fold, foldedLetters, foldKeepCase, parseQuery, tokenize, toMiniSearchQuery } from '../src/search/analyse/index.ts';
import { byPasses } from '../src/search/analyse/fold.ts';
import { corpusIndex, corpusParagraphs, search } from './helpers/analyse-index.ts';

// Full Unicode, plus what the folding rules single out, so that they meet each other: lone
// surrogates, markers, markup, quotes, dashes, spaces, combining marks.
const special = fc.constantFrom(
  '\ud800', '\udc00', '¹', '²⁸', '^{', '12 &', '}', 'quot;', '&', '[&]', '<u>', '</u>', '<', 'u>', '*', '_', '\u00ad',
  '\u00a0', '\u200b', '“', '”', '«', '»', '„', '‘', '’', 'ʹ', '′', '″', '´', '–', '—', '-', "'", '"', 'ё', 'Ё', 'е\u0308',
  '\u0301', 'ß', 'ẞ', 'İ', 'Σ', 'ﬁ', '㎒', 'Ⅻ', 'ǅ', '\u202e', '🎉', '👩‍👩‍👧', ' ', '\n', 'Trot', 'sky', 'Зиновьев',
);
const text = fc.string({ unit: fc.oneof({ arbitrary: fc.string({ unit: 'binary', maxLength: 1 }), weight: 3 }, { arbitrary: special, weight: 2 }), maxLength: 60 });

describe('fold, tokenize, analyseTerm: any input', () => {
  it('GIVEN any string THEN fold never throws and is idempotent', () => {
    fc.assert(
      fc.property(text, (s) => {
        const once = fold(s);
        expect(fold(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('GIVEN plain text (ASCII, Latin-1 and Russian letters, curly and angle quotes, dashes) or text one character away from it, and every character below U+0500 THEN the shortcut folds it as the passes do', () => {
    const plain = fc.constantFrom(...'aZ q09 .,;:!?()[]{}$%#@/+=~|\\\'"', '\t', '\n', '\r', '‘', '’', '“', '”', '«', '»', '–', '—', 'Trotsky', 'THE', '  ', 'À', 'Ö', 'é', 'ÿ', 'Þ', 'Зиновьев', 'ТРОЦКИЙ', 'й', 'Я');
    const nearly = fc.constantFrom('*', '_', '<', '^', '&', '`', 'ß', '×', '÷', 'Ё', 'ª', 'µ', 'е\u0308', 'и\u0306', '…', '\u00a0', '\u000b', 'ё', 'К', 'ß', '«', '−', '\u200b', '<u>', '^{1}', '&quot;');
    const mostlyPlain = fc.array(fc.oneof({ arbitrary: plain, weight: 12 }, { arbitrary: nearly, weight: 1 }), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(mostlyPlain, text), (s) => {
        expect(fold(s)).toBe(s === '' ? '' : byPasses(s, true));
        expect(foldKeepCase(s)).toBe(s === '' ? '' : byPasses(s, false));
      }),
      { numRuns: 10_000 },
    );
    for (const { text: p } of corpusParagraphs()) expect(fold(p)).toBe(byPasses(p, true));
    // Every character below U+0500, alone and between letters of either case.
    for (let code = 1; code < 0x500; code++) {
      const ch = String.fromCharCode(code);
      for (const s of [ch, `A${ch}b`, `Я${ch}ж ${ch}${ch}`]) {
        expect(fold(s), `U+${code.toString(16)}`).toBe(byPasses(s, true));
        expect(foldKeepCase(s), `U+${code.toString(16)}`).toBe(byPasses(s, false));
      }
    }
  });

  it('GIVEN any string, cut anywhere THEN foldedLetters is the head of fold(s) without what is not a letter or digit', () => {
    const letters = (s: string, n: number) => fold(s).replace(/[^\p{L}\p{N}]+/gu, '').slice(0, n);
    fc.assert(
      // Pieces of what folding removes or joins, spaces among them, so that a cut falls inside them.
      fc.property(fc.array(fc.oneof(text, fc.constantFrom('^{', '12', '&', '}', 'quot;', ' ', '  ', 'Σ', '\u0301', 'ab', '<u', '>')), { minLength: 1, maxLength: 12 }), fc.nat(40), fc.integer({ min: 1, max: 40 }), (parts, from, n) => {
        const s = parts.join('');
        expect(foldedLetters(s, n, from)).toBe(letters(s, n));
      }),
      { numRuns: 5000 },
    );
    // And on the real texts, the duplicate key's length: every paragraph, at a cut early enough to be used.
    for (const { text: p } of corpusParagraphs()) for (const from of [20, 256]) expect(foldedLetters(p, 160, from)).toBe(letters(p, 160));
  });

  it('GIVEN any string THEN tokenize and analyseTerm never throw, and give clean non-empty terms', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const token of tokenize(s)) {
          expect(token.length).toBeGreaterThan(0);
          for (const term of [...analyseTerm(token), ...analyseTerm(token, { query: true, keepStopWords: true })]) {
            expect(term).toMatch(/^~?[^\s~]+$/u);
          }
        }
        expect(Array.isArray(analyseTerm(s))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('GIVEN any string THEN parseQuery never throws, and the index can run what it gives', () => {
    const { index } = corpusIndex();
    fc.assert(
      fc.property(text, (s) => {
        const p = parseQuery(s);
        expect(p.empty).toBe(p.words.length === 0 && p.phrases.length === 0);
        index.search(toMiniSearchQuery(p));
      }),
      { numRuns: 500 },
    );
  });

  it('GIVEN any string THEN it contains itself as a phrase', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(containsPhrase(s, fold(s))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a passage is found by its own sentences', () => {
  const { paragraphs } = corpusIndex();
  // Sentences of four words that are not stop words: fewer ("Ibid.", "Here is one example.") name
  // no passage. Those of four stop words or more ("But he did not.") are in too: the helper
  // answers them by a scan, as the analysis recommends.
  const identifying = (s: string) => {
    const q = parseQuery(s);
    return q.stopWordsOnly ? tokenize(s).length >= 4 : q.words.length >= 4;
  };
  const candidates = paragraphs.map((p) => ({
    id: p.id,
    text: p.text,
    sentences: splitSentences(p.text.replace(/\s+/g, ' ')).filter(identifying),
  }));
  const usable = candidates.filter((c) => c.sentences.length > 0);
  const pick = fc
    .tuple(fc.nat({ max: usable.length - 1 }), fc.nat())
    .map(([i, j]) => {
      const c = usable[i]!;
      return { id: c.id, sentence: c.sentences[j % c.sentences.length]! };
    });
  // Quotations repeat in this corpus (a Russian original and its translation quoted twice):
  // paragraphs that contain the same sentence do not count against it.
  const rankAmongOthers = (ids: string[], id: string, sentence: string) => {
    const byId = new Map(paragraphs.map((p) => [p.id, p.text]));
    return ids.filter((other) => other === id || !containsPhrase(byId.get(other) ?? '', sentence)).indexOf(id);
  };

  it('GIVEN a random sentence of a random paragraph THEN the paragraph is in the top 5 (AND of words)', () => {
    expect(usable.length).toBeGreaterThan(500);
    fc.assert(
      fc.property(pick, ({ id, sentence }) => {
        const rank = rankAmongOthers(search(sentence), id, sentence);
        expect(rank, sentence).toBeGreaterThanOrEqual(0);
        expect(rank, sentence).toBeLessThan(5);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN the same sentence in quotes THEN the phrase filter keeps the paragraph', () => {
    fc.assert(
      fc.property(pick, ({ id, sentence }) => {
        const hits = search(`"${sentence}"`);
        expect(hits, sentence).toContain(id);
      }),
      { numRuns: 300 },
    );
  });
});
