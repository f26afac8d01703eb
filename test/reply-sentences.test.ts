import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/reply/sentences.ts';

describe('splitSentences: English', () => {
  it('GIVEN titles and scholarly abbreviations THEN they do not end sentences', () => {
    expect(splitSentences('Mr. Smith met Dr. Jones (p. 45, cf. pp. 12-13, i.e. the index). Then he left, e.g. at noon. Fine.', 'en')).toEqual([
      'Mr. Smith met Dr. Jones (p. 45, cf. pp. 12-13, i.e. the index).',
      'Then he left, e.g. at noon.',
      'Fine.',
    ]);
  });

  it('GIVEN initials THEN they do not end sentences', () => {
    expect(splitSentences('See I.N. Smirnov and J. Arch Getty on this. K.E. Voroshilov agreed. So did tov. Stalin.', 'en')).toEqual([
      'See I.N. Smirnov and J. Arch Getty on this.',
      'K.E. Voroshilov agreed.',
      'So did tov. Stalin.',
    ]);
  });

  it('GIVEN quotes and brackets after the period THEN they stay with the sentence', () => {
    expect(splitSentences('Lenin warned: "This cook will prepare only peppery dishes." Trotsky agreed. (He did.) «Так.» Next.', 'en')).toEqual([
      'Lenin warned: "This cook will prepare only peppery dishes."',
      'Trotsky agreed.',
      '(He did.)',
      '«Так.»',
      'Next.',
    ]);
  });

  it('GIVEN ellipses THEN a capital after them starts a sentence and a small letter does not', () => {
    expect(splitSentences('...not taking the necessary measures... and so on. He wrote... Then silence.', 'en')).toEqual([
      '...not taking the necessary measures... and so on.',
      'He wrote...',
      'Then silence.',
    ]);
  });

  it('GIVEN numbers, URLs and footnote markers THEN only real ends cut', () => {
    expect(splitSentences('It cost 3.5 roubles, see http://web.mit.edu/fjk/x.pdf now. Vol. 2 has it.¹ No. 3 too! Why? Because.', 'en')).toEqual([
      'It cost 3.5 roubles, see http://web.mit.edu/fjk/x.pdf now.',
      'Vol. 2 has it.¹',
      'No. 3 too!',
      'Why?',
      'Because.',
    ]);
  });

  it('GIVEN line breaks THEN each line ends a sentence, and blank lines leave nothing behind', () => {
    expect(splitSentences('- * First item\n- * Second item\n\n* * *\n\nLast one.', 'en')).toEqual(['- * First item', '- * Second item', '* * *', 'Last one.']);
  });
});

describe('splitSentences: Russian', () => {
  it('GIVEN т.е., т. д., г. and initials THEN they do not end sentences', () => {
    expect(splitSentences('В 1934 г. Николаев, т.е. убийца, и т. д. были арестованы. И.Н. Смирнов знал об этом. Тов. Сталин — тоже.', 'ru')).toEqual([
      'В 1934 г. Николаев, т.е. убийца, и т. д. были арестованы.',
      'И.Н. Смирнов знал об этом.',
      'Тов. Сталин — тоже.',
    ]);
  });

  it('GIVEN guillemets, dashes and question marks THEN the sentences are found', () => {
    expect(splitSentences('Он сказал: «Это ложь». — Почему? — Потому что. ...не приняв мер.', 'ru')).toEqual([
      'Он сказал: «Это ложь».',
      '— Почему?',
      '— Потому что.',
      '...не приняв мер.',
    ]);
  });
});

describe('splitSentences: any text', () => {
  it('GIVEN random text THEN the sentences, joined, are the text less white space', () => {
    const piece = fc.constantFrom('a', 'B', 'ж', 'Я', ' ', '.', '. ', '? ', '...', '\n', '"', '»', 'p. ', 'Mr. ', 'I.N. ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((p) => p.join('')), (s) => {
        const sentences = splitSentences(s, 'en');
        expect(sentences.join('').replace(/\s/g, '')).toBe(s.replace(/\s/g, ''));
        for (const x of sentences) expect(x).toBe(x.trim());
      }),
      { numRuns: 500 },
    );
  });
});
