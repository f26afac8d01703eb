import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/platforms/console/wrap.ts';
import { renderConsole, SIDE_BY_SIDE_MIN_WIDTH } from '../src/platforms/console/render.ts';
import { codeReply, columnsReply, errorReply, fieldsReply, passagesReply, textReply } from '../src/reply/builders.ts';
import { consoleBudget } from '../src/platforms/console/profile.ts';
import type { ColumnsView, PassageView, Reply } from '../src/reply/model.ts';
import { paginate } from '../src/reply/paginate.ts';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const WIDTHS = [60, 100, 160];

const passage: PassageView = {
  id: 'trotskys-lies.p12',
  work: { id: 'trotskys-lies', title: 'Trotsky’s Lies', author: 'Grover Furr' },
  text: 'About whom Lenin warned in 1922: "This cook will prepare only **peppery dishes**."¹ See *Pravda*, <u>Кирова</u>, café, 日本語のテキスト and 🎉🎉.',
  lang: 'en',
  locator: { work: 'trotskys-lies', paragraph: 12, chapter: 2, page: 35 },
  locatorLabel: 'ch. 2, ¶ 12, p. 35',
  citation: 'Furr, Grover. *Trotsky’s Lies*. Kettering, OH: Erythrós Press, 2019, 35.',
  footnotes: [{ marker: '¹', text: '*Pravda* November 2, 1927, at http://web.mit.edu/fjk/www/images/Pravda/1927-11-02-4.pdf, a very long address indeed.' }],
  translation: { text: 'Перевод.', lang: 'ru', locator: { work: 'trotskys-lies', paragraph: 13 }, locatorLabel: '¶ 13', ids: ['trotskys-lies.p13'] },
};

const ru = Array.from({ length: 12 }, (_, i) => `Предложение ${i + 1}: они были <u>осведомлены</u> о подготовлявшемся покушении на Кирова, т. е. знали.`).join(' ');
const en = Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1}: they were <u>informed</u> of the attempt being prepared on Kirov, i.e. they knew.`).join(' ');
const columns: ColumnsView = {
  pairId: 'trotskys-lies.pair3',
  work: { id: 'trotskys-lies', title: 'Trotsky’s Lies' },
  original: { text: `${ru}\n\nВторой абзац.`, lang: 'ru', label: 'Russian original', locator: { work: 'trotskys-lies', paragraph: 40 }, locatorLabel: 'ch. 9, ¶ 4' },
  translation: { text: `${en}\n\nSecond paragraph.`, lang: 'en', label: 'Translated:', locator: { work: 'trotskys-lies', paragraph: 41 }, locatorLabel: 'ch. 9, ¶ 5' },
  note: 'The translation is the one the source gives.',
};

const replies: Record<string, Reply> = {
  passages: passagesReply('Quote: peppery dishes', [passage, { ...passage, id: 'trotskys-lies.p40' }]),
  columns: columnsReply(columns),
  fields: fieldsReply('Works', [
    { name: 'trotskys-lies', value: '*Trotsky’s Lies*, Grover Furr, 2019. ' + 'A long description of the book. '.repeat(6) },
    { name: 'wide', value: '日本語'.repeat(40) },
  ]),
  code: codeReply('BibTeX', 'bibtex', `@book{furr2019,\n  title = {Trotsky*s Lies},\n  url = {http://example.org/${'a'.repeat(200)}}\n}`),
  text: textReply('Bullets', '- * Thanks to these sources.\n- * Another item.\n\n* * *\n\nA lone * asterisk.'),
  error: errorReply('work.unknown', 'There is no work "trotsky". Did you mean trotskys-lies?'),
};

const visibleLines = (out: string) => out.replace(ANSI, '').split('\n');

describe('renderConsole: widths', () => {
  for (const width of WIDTHS) {
    for (const [name, reply] of Object.entries(replies)) {
      it(`GIVEN the ${name} reply at width ${width} THEN no line is wider than the terminal`, () => {
        for (const color of [false, true]) {
          for (const page of paginate(reply, consoleBudget(width))) {
            for (const l of visibleLines(renderConsole(page, { width, color }))) expect(stringWidth(l)).toBeLessThanOrEqual(width);
          }
        }
      });
    }
  }

  it('GIVEN wide characters THEN they count two columns each', () => {
    const out = renderConsole(textReply('Wide', '日本語'.repeat(50)), { width: 60, color: false });
    const body = visibleLines(out).slice(3);
    expect(body[0]).toBe('日本語'.repeat(10));
    expect(body.every((l) => stringWidth(l) <= 60)).toBe(true);
  });
});

describe('displayWidth', () => {
  // Its shortcut (text of one-column characters is as wide as it is long) must agree with string-width.
  it('GIVEN any text, Latin, Cyrillic, Greek, punctuation, combining marks, soft hyphens, CJK or emoji THEN it measures what string-width measures', () => {
    const pieces = ['─', '→', '█', 'a', 'Z', ' ', '~', 'é', 'ß', '\u00ad', '\u00a0', 'Ж', 'ё', '\u0483', '\u0489', 'Ω', '\u0301', '—', '’', '“', '…', '€', '№', '日', '🎉', '\u200b', '\t', '\u0300', 'ʼ', 'Ѣ', '\u2060', '⁸', '⁹', '₂', 'ⁿ', '\u2072'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      expect(displayWidth(text)).toBe(stringWidth(text));
    }));
    for (const text of ['', 'Kirov', 'Кирова, т. е. знали.', 'café — “quoted”…', 'soft\u00adhyphen', 'и\u0306', '日本語', '🎉🎉']) expect(displayWidth(text), text).toBe(stringWidth(text));
  });
});

describe('renderConsole: columns', () => {
  it('GIVEN a terminal of 100 columns or more THEN original and translation sit side by side, the gutter in one column', () => {
    for (const width of [SIDE_BY_SIDE_MIN_WIDTH, 160]) {
      const lines = visibleLines(renderConsole(replies.columns as Reply, { width, color: false }));
      const rows = lines.filter((l) => l.includes('│') || l.includes('┼'));
      const col = Math.floor((width - 3) / 2);
      expect(rows.length).toBeGreaterThan(5);
      for (const row of rows) {
        const at = row.includes('│') ? row.indexOf('│') : row.indexOf('┼');
        expect(stringWidth(row.slice(0, at))).toBe(col + 1);
      }
      expect(rows[0]).toMatch(/^Russian original\s+│ Translated:$/);
      // The second paragraphs face each other.
      expect(rows.find((r) => r.startsWith('Второй абзац.'))).toMatch(/│ Second paragraph\.$/);
    }
  });

  it('GIVEN several segments of one pair THEN one header and one note, and segment k faces segment k', () => {
    const segment = (i: number): ColumnsView => ({
      ...columns,
      original: { ...columns.original, text: `Абзац ${i}: ${'слово '.repeat(i * 12)}конец.`, locatorLabel: `¶ ${i}` },
      translation: { ...columns.translation, text: `Paragraph ${i}: the end.`, locatorLabel: `¶ ${i + 10}` },
    });
    const reply: Reply = { ...(replies.columns as Reply), sections: [1, 2, 3].map((i) => ({ kind: 'columns', columns: segment(i) })) };
    const wide = visibleLines(renderConsole(reply, { width: 120, color: false }));
    expect(wide.filter((l) => l.startsWith('Russian original'))).toHaveLength(1);
    expect(wide.filter((l) => l === columns.note)).toHaveLength(1);
    for (const i of [1, 2, 3]) expect(wide.find((l) => l.startsWith(`Абзац ${i}:`))).toMatch(new RegExp(`│ Paragraph ${i}: the end\\.$`));
    const narrow = visibleLines(renderConsole(reply, { width: 60, color: false })).join('\n');
    expect(narrow).not.toContain('│');
    for (const i of [1, 2]) expect(narrow.indexOf(`Paragraph ${i}:`)).toBeLessThan(narrow.indexOf(`Абзац ${i + 1}:`));
    expect(narrow).toContain('Russian original · ¶ 2');
  });

  it('GIVEN a narrow terminal THEN the translation comes under the original', () => {
    const out = visibleLines(renderConsole(replies.columns as Reply, { width: 60, color: false })).join('\n');
    expect(out).not.toContain('│');
    expect(out.indexOf('Russian original · ch. 9, ¶ 4')).toBeLessThan(out.indexOf('Translated: · ch. 9, ¶ 5'));
    expect(out.indexOf('Второй абзац.')).toBeLessThan(out.indexOf('Sentence 1:'));
  });
});

describe('renderConsole: markup, colour and hints', () => {
  it('GIVEN colour off THEN there are no ANSI escapes and no raw markup, but literal asterisks stay', () => {
    for (const reply of Object.values(replies)) {
      const out = renderConsole(reply, { width: 100, color: false });
      expect(out).not.toMatch(/\u001b/);
      expect(out).not.toContain('**');
      expect(out).not.toContain('<u>');
    }
    const passages = renderConsole(replies.passages as Reply, { width: 160, color: false });
    expect(passages).toContain('only peppery dishes."¹ See Pravda, Кирова,');
    const bullets = visibleLines(renderConsole(replies.text as Reply, { width: 100, color: false }));
    expect(bullets).toEqual(['Bullets', '───────', '', '- * Thanks to these sources.', '- * Another item.', '', '* * *', '', 'A lone * asterisk.']);
    expect(renderConsole(replies.code as Reply, { width: 100, color: false })).toContain('title = {Trotsky*s Lies}');
  });

  it('GIVEN colour on THEN emphasis is italic, strong is bold and underline is underlined', () => {
    const out = renderConsole(replies.passages as Reply, { width: 100, color: true });
    expect(out).toContain('\u001b[1mpeppery\u001b[0m');
    expect(out).toContain('\u001b[3mPravda\u001b[0m');
    expect(out).toContain('\u001b[4mКирова\u001b[0m');
    expect(out).not.toContain('**');
  });

  it('GIVEN a paged reply THEN the footer says which part and offers next/previous and the reply’s actions', () => {
    const long = passagesReply('Quote', [{ ...passage, text: 'A sentence about the trial. '.repeat(400).trim() }]);
    const pages = paginate(long, consoleBudget(80));
    expect(pages.length).toBeGreaterThan(2);
    const middle = visibleLines(renderConsole(pages[1] as Reply, { width: 80, color: false }));
    expect(middle[0]).toBe(`Quote (part 2 of ${pages.length})`);
    expect(middle[middle.length - 1]).toBe(`part 2 of ${pages.length}  [t]ranslation  [c]ite  [d]iscuss  conte[x]t  [p]revious  [n]ext`);
  });

  it('GIVEN several passages THEN they are numbered, each with its citation, locator and footnotes', () => {
    const out = visibleLines(renderConsole(replies.passages as Reply, { width: 160, color: false }));
    expect(out.filter((l) => /^[12]\. About whom/.test(l))).toHaveLength(2);
    expect(out.filter((l) => l.startsWith('  — Furr, Grover. Trotsky’s Lies.'))).toHaveLength(2);
    expect(out).toContain('  ch. 2, ¶ 12, p. 35 · trotskys-lies.p40');
    expect(out.filter((l) => l.startsWith('  ¹ Pravda November 2, 1927'))).toHaveLength(2);
  });

  it('GIVEN an error reply THEN the title is red when colour is on', () => {
    expect(renderConsole(replies.error as Reply, { width: 80, color: true }).split('\n')[0]).toBe('\u001b[1;31mError\u001b[0m');
  });
});
