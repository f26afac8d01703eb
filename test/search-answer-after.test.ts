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

describe('GIVEN queries the rule must leave alone', () => {
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
