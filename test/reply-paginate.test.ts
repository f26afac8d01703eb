import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Budget } from '../src/reply/budget.ts';
import { DISCORD_BUDGET } from '../src/platforms/discord/limits.ts';
import { MATRIX_BUDGET } from '../src/platforms/matrix/limits.ts';
import { consoleBudget } from '../src/platforms/console/profile.ts';
import { budgetViolations } from '../src/reply/measure.ts';
import type { ColumnsView, PassageView, Reply, Section } from '../src/reply/model.ts';
import { PAGE_TARGET, paginate } from '../src/reply/paginate.ts';

const LATIN = 'abcdefghijklmnopqrstuvwxyzéü';
const CYRILLIC = 'абвгдежзийклмнопрстуфхцчшщыьэюя';
/** Over-long words use digits only, which ordinary words never contain, so a hard cut can be traced to them. */
const LONG_WORD = 'https://x.org/' + '0123456789'.repeat(499);

const word = fc.oneof(
  { weight: 12, arbitrary: fc.string({ unit: fc.constantFrom(...LATIN), minLength: 1, maxLength: 12 }) },
  { weight: 12, arbitrary: fc.string({ unit: fc.constantFrom(...CYRILLIC), minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 40, max: LONG_WORD.length }).map((n) => LONG_WORD.slice(0, n)) },
);
const sentence = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 40 }), fc.constantFrom('.', '!', '?', '...', '', ';', '."', '.»'))
  .map(([ws, end]) => {
    const [first = 'x', ...rest] = ws;
    return [first[0]?.toUpperCase() + first.slice(1), ...rest].join(' ') + end;
  });
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 12 }).map((ss) => ss.join(' '));
const longText = fc.array(paragraph, { minLength: 1, maxLength: 12 }).map((ps) => ps.join('\n\n'));

const randomBudget: fc.Arbitrary<Budget> = fc.oneof(
  fc.constant(DISCORD_BUDGET),
  fc.constant({ ...DISCORD_BUDGET, maxBody: 2000 }),
  fc.constant(MATRIX_BUDGET),
  fc.constant(consoleBudget(80)),
  fc.record({
    maxBody: fc.integer({ min: 60, max: 4000 }),
    maxField: fc.integer({ min: 60, max: 2000 }),
    maxFieldName: fc.integer({ min: 20, max: 256 }),
    maxTitle: fc.integer({ min: 60, max: 256 }),
    maxFields: fc.integer({ min: 3, max: 25 }),
    maxTotal: fc.integer({ min: 400, max: 8000 }),
    maxSections: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
  }),
);

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Joins pieces back: a space at a word cut, nothing at a hard cut (where the "…" was added). */
function rejoin(pieces: string[]): string {
  let out = '';
  for (const p of pieces) {
    if (out.endsWith('…')) out = out.slice(0, -1) + p;
    else out = out === '' ? p : `${out} ${p}`;
  }
  return out;
}

/** A piece cut with "…" ends inside an over-long word: its last token is a piece of one, digits included. */
function hardCutsAreInsideLongWords(pieces: string[]): boolean {
  return pieces.every((p) => {
    if (!p.endsWith('…')) return true;
    const last = (p.slice(0, -1).split(/\s/).pop() ?? '').replace(/[.!?;"»]+$/, '');
    return /[0-9]/.test(last) && LONG_WORD.includes(last.toLowerCase());
  });
}

const textOf = (sections: Section[]) => sections.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
const reply = (sections: Section[], title = 'Results'): Reply => ({ title, sections, actions: [], visibility: 'public' });

const side = (text: string, lang: string, label: string) => ({
  text,
  lang,
  label,
  locator: { work: 'w', paragraph: 1 },
  locatorLabel: 'ch. 1, ¶ 1',
});
const columns = (a: string, b: string): ColumnsView => ({
  pairId: 'w.pair1',
  work: { id: 'w', title: 'A Work' },
  original: side(a, 'ru', 'Original (Russian)'),
  translation: side(b, 'en', 'Translated:'),
  note: 'The translation is the one the source gives.',
});

describe('paginate: text', () => {
  it('GIVEN random long texts and random budgets THEN every page fits, nothing is lost or repeated, and no cut falls inside a word', () => {
    fc.assert(
      fc.property(longText, randomBudget, (text, budget) => {
        const pages = paginate(reply([{ kind: 'text', text }]), budget);
        for (const page of pages) expect(budgetViolations(page, budget)).toEqual([]);
        const pieces = pages.flatMap((p) => textOf(p.sections));
        expect(squash(rejoin(pieces))).toBe(squash(text));
        expect(hardCutsAreInsideLongWords(pieces)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('GIVEN a short reply THEN there is one page, no "part" in the title and no paging actions', () => {
    const pages = paginate(reply([{ kind: 'text', text: 'Short.' }], 'Quote'), DISCORD_BUDGET);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.title).toBe('Quote');
    expect(pages[0]?.page).toEqual({ index: 0, count: 1 });
    expect(pages[0]?.actions).toEqual([]);
  });

  it('GIVEN a reply of three pages THEN titles say "part i of n" and next/previous lead to the neighbouring pages', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Sentence number ${i} says something about the trial.`).join(' ');
    const pages = paginate(
      { ...reply([{ kind: 'text', text }], 'Quote'), actions: [{ kind: 'cite', label: 'Cite', target: 'p1' }] },
      { ...DISCORD_BUDGET, maxBody: 6000 },
    );
    expect(pages.length).toBe(3);
    expect(pages.map((p) => p.title)).toEqual(['Quote (part 1 of 3)', 'Quote (part 2 of 3)', 'Quote (part 3 of 3)']);
    expect(pages.map((p) => p.actions.map((a) => `${a.kind}:${a.target}:${a.options?.join(',') ?? ''}`))).toEqual([
      ['cite:p1:', `next:${PAGE_TARGET}:1`],
      ['cite:p1:', `previous:${PAGE_TARGET}:0`, `next:${PAGE_TARGET}:2`],
      ['cite:p1:', `previous:${PAGE_TARGET}:1`],
    ]);
    // Every page ends at a sentence.
    for (const page of pages) for (const t of textOf(page.sections)) expect(t).toMatch(/\.$/);
  });

  it('GIVEN a single 5,000-character URL THEN it is hard-cut with "…" and nothing else is', () => {
    const url = 'https://example.org/' + 'a'.repeat(4980);
    const pages = paginate(reply([{ kind: 'text', text: `See ${url} for the scan.` }]), DISCORD_BUDGET);
    const pieces = pages.flatMap((p) => textOf(p.sections));
    expect(pieces[0]).toBe('See');
    expect(pieces[1]?.endsWith('…')).toBe(true);
    expect(pieces[1]?.length).toBeLessThanOrEqual(DISCORD_BUDGET.maxBody);
    expect(squash(rejoin(pieces))).toBe(`See ${url} for the scan.`);
  });

  it('GIVEN a long italic span cut across pages THEN each page opens and closes its own markup', () => {
    const text = `*${Array.from({ length: 80 }, (_, i) => `Word${i} in italics.`).join(' ')}* After.`;
    const pages = paginate(reply([{ kind: 'text', text }]), { ...DISCORD_BUDGET, maxBody: 300, maxTotal: 400 });
    const pieces = pages.flatMap((p) => textOf(p.sections));
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces.slice(0, -1)) expect(p).toMatch(/^\*Word\d+ .*\.\*$/);
    expect(pieces[pieces.length - 1]).toMatch(/\.\* After\.$/);
  });

  it('GIVEN a title longer than the budget THEN it is shortened at a word with "…"', () => {
    const title = 'A very long title '.repeat(30);
    const [page] = paginate(reply([{ kind: 'text', text: 'x' }], title), DISCORD_BUDGET);
    expect(page?.title.length).toBeLessThanOrEqual(DISCORD_BUDGET.maxTitle);
    expect(page?.title.endsWith('…')).toBe(true);
    const head = page?.title.slice(0, -1) ?? '';
    expect(title.startsWith(head) && title[head.length] === ' ').toBe(true);
  });
});

describe('paginate: fields, passages, code', () => {
  it('GIVEN 60 fields THEN pages hold at most 25 fields and keep their order', () => {
    const fields = Array.from({ length: 60 }, (_, i) => ({ name: `Field ${i}`, value: `Value ${i}` }));
    const pages = paginate(reply([{ kind: 'fields', fields }]), DISCORD_BUDGET);
    expect(pages.length).toBe(3);
    const names = pages.flatMap((p) => p.sections.flatMap((s) => (s.kind === 'fields' ? s.fields.map((f) => f.name) : [])));
    expect(names).toEqual(fields.map((f) => f.name));
    for (const page of pages) expect(budgetViolations(page, DISCORD_BUDGET)).toEqual([]);
  });

  it('GIVEN a field value over 1,024 characters THEN it continues in "(cont.)" fields', () => {
    const value = Array.from({ length: 100 }, (_, i) => `Entry ${i} of the bibliography.`).join(' ');
    const [page] = paginate(reply([{ kind: 'fields', fields: [{ name: 'Sources', value }] }]), DISCORD_BUDGET);
    const fields = page?.sections[0]?.kind === 'fields' ? page.sections[0].fields : [];
    expect(fields.length).toBeGreaterThanOrEqual(Math.ceil(value.length / 1024));
    expect(fields.map((f) => f.name)).toEqual(['Sources', ...Array(fields.length - 1).fill('Sources (cont.)')]);
    expect(squash(fields.map((f) => f.value).join(' '))).toBe(value);
  });

  it('GIVEN a long passage with footnotes THEN its text is paged, the citation repeats and the footnotes all survive', () => {
    const text = Array.from({ length: 200 }, (_, i) => `Trotsky wrote sentence ${i}.¹`).join(' ');
    const passage: PassageView = {
      id: 'w.p1',
      work: { id: 'w', title: 'Trotsky’s Lies', author: 'Grover Furr' },
      text,
      lang: 'en',
      locator: { work: 'w', paragraph: 1 },
      locatorLabel: 'ch. 1, ¶ 1, p. 12',
      citation: 'Furr, Trotsky’s Lies, 12.',
      footnotes: Array.from({ length: 30 }, (_, i) => ({ marker: String(i + 1), text: `Note ${i} `.repeat(20).trim() })),
    };
    const pages = paginate(reply([{ kind: 'passage', passage }]), DISCORD_BUDGET);
    for (const page of pages) expect(budgetViolations(page, DISCORD_BUDGET)).toEqual([]);
    const parts = pages.flatMap((p) => p.sections.flatMap((s) => (s.kind === 'passage' ? [s.passage] : [])));
    expect(parts.every((p) => p.citation === passage.citation)).toBe(true);
    expect(squash(parts.map((p) => p.text).join(' '))).toBe(text);
    expect(parts.flatMap((p) => p.footnotes)).toEqual(passage.footnotes);
  });

  it('GIVEN a long BibTeX code block THEN it is cut between lines and asterisks stay as they are', () => {
    const text = Array.from({ length: 200 }, (_, i) => `@book{furr${i},\n  title = {Trotsky*s Lies ${i}},\n}`).join('\n');
    const pages = paginate(reply([{ kind: 'code', lang: 'bibtex', text }]), DISCORD_BUDGET);
    const pieces = pages.flatMap((p) => p.sections.flatMap((s) => (s.kind === 'code' ? [s.text] : [])));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('\n')).toBe(text);
    for (const page of pages) expect(budgetViolations(page, DISCORD_BUDGET)).toEqual([]);
  });

  it('GIVEN 15 short passages and Discord’s 10 embeds THEN no page has more than 10 sections', () => {
    const sections: Section[] = Array.from({ length: 15 }, (_, i) => ({ kind: 'text', text: `Result ${i}.` }));
    const pages = paginate(reply(sections), DISCORD_BUDGET);
    expect(pages.map((p) => p.sections.length)).toEqual([10, 5]);
  });

  it('GIVEN a reply with its own "more results" next action THEN it shows only on the last page', () => {
    const text = 'A sentence of some length for paging. '.repeat(400);
    const pages = paginate(
      { ...reply([{ kind: 'text', text }]), actions: [{ kind: 'next', label: 'More results', target: 'q:peppery', options: ['2'] }] },
      DISCORD_BUDGET,
    );
    expect(pages.length).toBeGreaterThan(1);
    const own = pages.map((p) => p.actions.filter((a) => a.target === 'q:peppery').length);
    expect(own).toEqual([...Array(pages.length - 1).fill(0), 1]);
  });
});

describe('paginate: side-by-side columns', () => {
  const en = Array.from({ length: 100 }, (_, i) => `In ${1900 + i} the commission, cf. p. ${i}, heard Mr. Sedov and I.N. Smirnov say nothing new.`);
  const ru = Array.from({ length: 100 }, (_, i) => `В ${1900 + i} г. комиссия, т. е. её члены (см. с. ${i}), выслушала Седова и И.Н. Смирнова — ничего нового.`);

  it('GIVEN a 10,000-character Russian/English pair THEN both sides page in step: equal counts, proportional slices', () => {
    const original = ru.join(' ');
    const translation = en.join(' ');
    expect(original.length).toBeGreaterThan(9000);
    const pages = paginate(reply([{ kind: 'columns', columns: columns(original, translation) }]), DISCORD_BUDGET);
    expect(pages.length).toBeGreaterThan(8);
    const slices = pages.map((p) => (p.sections[0]?.kind === 'columns' ? p.sections[0].columns : undefined));
    for (const page of pages) expect(budgetViolations(page, DISCORD_BUDGET)).toEqual([]);
    for (const c of slices) {
      expect(c?.original.text).not.toBe('');
      expect(c?.translation.text).not.toBe('');
      expect(c?.original.text).toMatch(/\.$/);
      expect(c?.translation.text).toMatch(/\.$/);
    }
    // Sentence k of the original sits on the same page as sentence k of the translation.
    for (let k = 0; k < ru.length; k++) {
      const pageOf = (texts: (string | undefined)[], s: string) => texts.findIndex((t) => t?.includes(s));
      expect(pageOf(slices.map((c) => c?.original.text), ru[k] ?? '')).toBe(pageOf(slices.map((c) => c?.translation.text), en[k] ?? ''));
    }
    expect(squash(slices.map((c) => c?.original.text).join(' '))).toBe(original);
    expect(squash(slices.map((c) => c?.translation.text).join(' '))).toBe(translation);
  });

  it('GIVEN paragraphs of very different lengths but equal counts THEN paragraph k of each side share a page', () => {
    const paras = Array.from({ length: 12 }, (_, i) => i);
    const a = paras.map((i) => `Абзац ${i}. ` + 'Длинное предложение о процессе. '.repeat(i % 3 === 0 ? 40 : 2)).join('\n\n');
    const b = paras.map((i) => `Paragraph ${i}. ` + 'A short one. '.repeat(i % 3 === 0 ? 3 : 30)).join('\n\n');
    const pages = paginate(reply([{ kind: 'columns', columns: columns(a, b) }]), DISCORD_BUDGET);
    const slices = pages.map((p) => (p.sections[0]?.kind === 'columns' ? p.sections[0].columns : undefined));
    for (const page of pages) expect(budgetViolations(page, DISCORD_BUDGET)).toEqual([]);
    for (const i of paras) {
      const left = slices.findIndex((c) => c?.original.text.includes(`Абзац ${i}.`));
      const right = slices.findIndex((c) => c?.translation.text.includes(`Paragraph ${i}.`));
      expect(left).toBe(right);
    }
  });

  it('GIVEN a pair given as several short segments THEN they share a page rather than one page each', () => {
    const segments: Section[] = Array.from({ length: 6 }, (_, i) => ({ kind: 'columns', columns: columns(`Абзац ${i}.`, `Paragraph ${i}.`) }));
    const pages = paginate(reply(segments), DISCORD_BUDGET);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.sections).toEqual(segments);
  });

  it('GIVEN random pairs and budgets THEN every page fits and each side reads back whole', () => {
    fc.assert(
      fc.property(longText, longText, randomBudget, (a, b, budget) => {
        const pages = paginate(reply([{ kind: 'columns', columns: columns(a, b) }]), budget);
        for (const page of pages) expect(budgetViolations(page, budget)).toEqual([]);
        const cols = pages.flatMap((p) => p.sections.flatMap((s) => (s.kind === 'columns' ? [s.columns] : [])));
        expect(cols.length).toBe(pages.length);
        expect(squash(rejoin(cols.map((c) => c.original.text).filter(Boolean)))).toBe(squash(a));
        expect(squash(rejoin(cols.map((c) => c.translation.text).filter(Boolean)))).toBe(squash(b));
      }),
      { numRuns: 60 },
    );
  });
});
