/**
 * The answer after its topic (src/search/answer-after.ts): asked "when …" or "how many …", a hit
 * whose next paragraph gives the date or number is shown with it, cited through both. On the
 * bundled corpus; the queries are written for these tests, none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { Block } from '../src/corpus/model.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { shownHitTexts } from '../src/search/shown.ts';
import type { Reply } from '../src/reply/model.ts';
import { realEngine } from './helpers/corpus.ts';
import { createRealDispatch, testScope, type RealDispatch } from './helpers/real-dispatch.ts';
import { DISCORD_BUDGET } from '../src/platforms/discord/limits.ts';
import { MATRIX_BUDGET } from '../src/platforms/matrix/limits.ts';
import { consoleBudget } from '../src/platforms/console/profile.ts';
import { budgetViolations } from '../src/reply/measure.ts';
import { paginate } from '../src/reply/paginate.ts';
import { discordPages, embedSize, messageViolations } from '../src/platforms/discord/pages.ts';
import { DISCORD_EMBED_DESCRIPTION_LIMIT, DISCORD_EMBED_TOTAL_LIMIT } from '../src/platforms/discord/limits.ts';
import { fitPages } from '../src/platforms/matrix/pages.ts';
import { eventBytes } from '../src/platforms/matrix/content.ts';
import { MATRIX_EVENT_BYTES_LIMIT } from '../src/platforms/matrix/limits.ts';

let corpus: Corpus;
let engine: SearchEngine;
let real: RealDispatch;
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
  real = await createRealDispatch();
});

const block = (id: string): Block => corpus.block(id)!;
const hits = async (q: string) => (await engine.search(q, { limit: 10 })).hits;
const passages = (r: Reply) => r.sections.flatMap((s) => (s.kind === 'passage' ? [s.passage] : []));

describe('GIVEN a passage in a section', () => {
  it('THEN the passage after it is the next paragraph of its section, none across a heading', () => {
    expect(corpus.passageAfter(block('continuing-revolution-speech.p14'))?.id).toBe('continuing-revolution-speech.p15');
    expect(corpus.passageAfter(block('continuing-revolution-speech.p63'))?.id).toBe('continuing-revolution-speech.p64');
    // passageBefore's inverse wherever both are defined.
    for (const id of ['continuing-revolution-speech.p15', 'trotskys-lies.p216']) expect(corpus.passageAfter(corpus.passageBefore(block(id))!)?.id).toBe(id);
    // The last paragraph of a section has none: the next block is a heading.
    expect(corpus.passageBefore(block('continuing-revolution-speech.p13'))).toBeUndefined();
    const last = [...corpus.passages()].map((p) => p.block).find((b) => b.kind === 'paragraph' && b.locator.work === 'continuing-revolution-speech' && corpus.passageAfter(b) === undefined);
    expect(last).toBeDefined();
  });
});

describe('GIVEN a "when" question whose topic paragraph ranks first and the next paragraph gives the date', () => {
  it('THEN the hit carries the next paragraph, which is not listed again', async () => {
    const found = await hits('when was the first Moscow Trial held');
    expect(found[0]!.block.id).toBe('continuing-revolution-speech.p63');
    expect(found[0]!.after?.id).toBe('continuing-revolution-speech.p64');
    expect(shownHitTexts(corpus, found[0]!).join(' ')).toContain('The first public Moscow Trial of August 19-24, 1936');
    expect(found.map((h) => h.block.id)).not.toContain('continuing-revolution-speech.p64');
  });

  it('THEN /quote shows both paragraphs as one passage, cited through both', async () => {
    const r = await real.dispatch({ command: 'quote', args: { query: 'when was the first Moscow Trial held', limit: 3 }, scope: testScope() });
    expect(r.error).toBeUndefined();
    const first = passages(r)[0]!;
    expect(first.text).toContain(block('continuing-revolution-speech.p63').text);
    expect(first.text).toContain('The first public Moscow Trial of August 19-24, 1936');
    expect(first.locatorLabel).toMatch(/¶¶ \d+–\d+/);
    expect(first.citation).toMatch(/paras?\. \d+–\d+/);
    // Two paragraphs in one passage still fit every platform's limits, page by page.
    for (const budget of [DISCORD_BUDGET, MATRIX_BUDGET, consoleBudget(80)]) for (const page of paginate(r, budget)) expect(budgetViolations(page, budget)).toEqual([]);
  });
});

describe('GIVEN a "which year" question whose topic is a translation pair and the paragraph after both sides gives the year', () => {
  const q = 'in what year did the report denying the Right-Trotskyist bloc come out';

  it('THEN the pair carries the paragraph after its last side, which is not listed again', async () => {
    const found = await hits(q);
    expect(found[0]!.block.id).toBe('trotskys-lies.p819');
    expect(found[0]!.after?.id).toBe('trotskys-lies.p820');
    const shown = shownHitTexts(corpus, found[0]!).join(' ');
    expect(shown).toContain('This report was not published until 1994');
    expect(shown).toContain(block('trotskys-lies.p818').text);
    expect(found.map((h) => h.block.id)).not.toContain('trotskys-lies.p820');
  });

  it('THEN /quote shows the side with the paragraph after, cited through it, the other side beside, and every platform keeps its limits', async () => {
    const r = await real.dispatch({ command: 'quote', args: { query: q, limit: 10 }, scope: testScope() });
    expect(r.error).toBeUndefined();
    const first = passages(r)[0]!;
    expect(first.text).toBe(`${block('trotskys-lies.p819').text}\n\n${block('trotskys-lies.p820').text}`);
    expect(first.translation?.text).toBe(block('trotskys-lies.p818').text);
    expect(first.locatorLabel).toContain('¶¶ 161–162');
    expect(first.citation).toMatch(/paras?\. 161–162/);
    for (const budget of [DISCORD_BUDGET, MATRIX_BUDGET, consoleBudget(80)]) for (const page of paginate(r, budget)) expect(budgetViolations(page, budget)).toEqual([]);
    const discord = discordPages(r, { layout: 'stacked', idFor: (a) => `l1:${a.kind}:${a.target}`.slice(0, 100), citeSelectId: () => 'l1:ci::x' });
    for (const page of discord) {
      expect(messageViolations(page)).toEqual([]);
      for (const e of page.embeds) expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_EMBED_DESCRIPTION_LIMIT);
      expect(page.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(DISCORD_EMBED_TOTAL_LIMIT);
    }
    const matrix = fitPages(r, { layout: 'stacked', prefix: '!' });
    for (const page of matrix.pages) expect(eventBytes(page)).toBeLessThanOrEqual(MATRIX_EVENT_BYTES_LIMIT);
    // The citation is shown whole on some page of each: never cut.
    expect(JSON.stringify(discord)).toContain('161–162');
    expect(matrix.pages.map((p) => p.body).join('\n')).toContain('161–162');
  });
});

describe('GIVEN a "when" question whose topic is a lead-in with its quotation and the paragraph after the quotation gives the date', () => {
  const q = 'when did it become known why the Leningrad GPU representatives were expelled';

  it('THEN the unit carries the paragraph after its quotation, shown after both and cited through all three', async () => {
    const found = await hits(q);
    expect(found[0]!.block.id).toBe('trotskys-lies.p216');
    expect(found[0]!.after?.id).toBe('trotskys-lies.p217');
    expect(shownHitTexts(corpus, found[0]!).join(' ')).toContain('This became known only at the end of January 1935.');
    const r = await real.dispatch({ command: 'quote', args: { query: q, limit: 3 }, scope: testScope() });
    const first = passages(r)[0]!;
    expect(first.text).toBe(['trotskys-lies.p215', 'trotskys-lies.p216', 'trotskys-lies.p217'].map((id) => block(id).text).join('\n\n'));
    expect(first.locatorLabel).toContain('¶¶ 106–108');
    for (const budget of [DISCORD_BUDGET, MATRIX_BUDGET]) for (const page of paginate(r, budget)) expect(budgetViolations(page, budget)).toEqual([]);
  });
});

describe('GIVEN queries the rule must leave alone', () => {
  it('THEN a translation pair takes no paragraph after it that holds none of the question’s words', async () => {
    const found = await hits('when was the finding that no Right-Trotskyist bloc existed released');
    expect(found[0]!.block.id).toBe('trotskys-lies.p819');
    expect(found[0]!.after).toBeUndefined();
  });

  it('THEN no hit carries a next paragraph for a query that asks for no date or number', async () => {
    for (const q of ['contested elections under the 1936 constitution', 'the first Moscow Trial', 'who organised the first Moscow Trial']) {
      expect((await hits(q)).filter((h) => h.after).map((h) => h.block.id), q).toEqual([]);
    }
  });

  it('THEN a hit that gives the date itself takes no next paragraph that adds none of the question’s words', async () => {
    // "cancelled" is in the answer itself, which ranks first; its topic paragraph, below it, does not repeat it.
    const found = await hits('when were contested elections under the new constitution cancelled');
    expect(found[0]!.block.id).toBe('continuing-revolution-speech.p5');
    expect(found[0]!.after).toBeUndefined();
    expect(found.find((h) => h.block.id === 'continuing-revolution-speech.p4')?.after).toBeUndefined();
  });
});
