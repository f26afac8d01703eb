/**
 * A lead-in shown with its quotation is one passage on the screen, so its citation names both:
 * "¶¶ 16–17" and "paras. 16–17", or the pages both stand on. Citing only the lead-in's paragraph
 * sent a reader to the sentence before the quotation. Real corpus, every unit it has.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCiter } from '../src/cite/citer.ts';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { Block } from '../src/corpus/model.ts';
import { passageView } from '../src/present/passage.ts';
import { spanEnd } from '../src/present/locator.ts';
import { realCorpus } from './helpers/corpus.ts';

let corpus: Corpus;
beforeAll(async () => {
  ({ corpus } = await realCorpus());
});

const citer = createCiter();
const units = () => [...corpus.passages()].flatMap(({ block, work }) => {
  const quoted = corpus.quotationAfter(block);
  return quoted ? [{ lead: block, quoted, work }] : [];
});
const blockWith = (snippet: string): Block => [...corpus.passages()].find((p) => p.block.plain.includes(snippet))!.block;

describe('GIVEN a lead-in and its quotation shown as one passage', () => {
  it('THEN Serge\'s quotation is cited through its paragraph in every style, and the label says so', () => {
    const quotation = blockWith('Everything has changed. The aims: from international social revolution');
    const lead = corpus.leadIn(quotation)!;
    const work = corpus.workOf(lead.id)!;
    const view = passageView(corpus, citer, quotation, work, 'chicago', { unit: true });
    const [a, b] = [lead.locator.paragraph, quotation.locator.paragraph];
    expect(b).toBe(a + 1);
    expect(view.locatorLabel).toContain(`¶¶ ${a}–${b}`);
    expect(view.citation).toContain(`paras. ${a}–${b}`);
    for (const style of ['mla', 'apa', 'chicago-note'] as const) {
      expect(passageView(corpus, citer, quotation, work, style, { unit: true }).citation, style).toMatch(new RegExp(`${a}–${b}`));
    }
  });

  it('THEN every unit of the bundled corpus names the range of the two paragraphs (or the pages) it shows', () => {
    const all = units();
    expect(all.length).toBeGreaterThan(50);
    const wrong = all.flatMap(({ lead, quoted, work }) => {
      const view = passageView(corpus, citer, lead, work, 'chicago', { unit: true });
      const label = `¶¶ ${lead.locator.paragraph}–${quoted.locator.paragraph}`;
      return view.locatorLabel.includes(label) ? [] : [`${lead.id}: ${view.locatorLabel}`];
    });
    expect(wrong).toEqual([]);
  });

  it('THEN a unit over two estimated pages says "about pp." and the citation states no page', () => {
    const across = units().find(({ lead, quoted }) => lead.locator.page !== quoted.locator.page && lead.locator.pageBasis === 'estimated')!;
    expect(across).toBeDefined();
    const view = passageView(corpus, citer, across.lead, across.work, 'chicago', { unit: true });
    expect(view.locatorLabel).toContain(`about pp. ${across.lead.locator.page}–${across.quoted.locator.page}`);
    expect(view.citation).not.toMatch(/\bpp?\. \d/);
  });

  it('THEN the quotation cited by itself (cite, context) keeps its own single paragraph', () => {
    const quotation = blockWith('Everything has changed. The aims: from international social revolution');
    const work = corpus.workOf(quotation.id)!;
    const view = passageView(corpus, citer, quotation, work, 'chicago');
    expect(view.locatorLabel).toContain(`¶ ${quotation.locator.paragraph}`);
    expect(view.locatorLabel).not.toContain('¶¶');
    expect(citer.passage(quotation, work, 'chicago')).toContain(`para. ${quotation.locator.paragraph})`);
  });
});

describe('GIVEN two locators', () => {
  const at = (over: object) => ({ work: 'w', chapter: 2, paragraph: 5, ...over });
  it('THEN a span is stated only within one chapter of one work, forwards', () => {
    expect(spanEnd(at({}), at({ paragraph: 6 }))?.paragraph).toBe(6);
    expect(spanEnd(at({}), at({ paragraph: 5 }))).toBeUndefined();
    expect(spanEnd(at({}), at({ paragraph: 4 }))).toBeUndefined();
    expect(spanEnd(at({}), at({ chapter: 3, paragraph: 1 }))).toBeUndefined();
    expect(spanEnd(at({}), at({ work: 'v', paragraph: 6 }))).toBeUndefined();
    expect(spanEnd(at({}), undefined)).toBeUndefined();
  });
});
