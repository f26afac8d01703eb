/**
 * A quotation and the paragraph that leads into it, ending in a colon, are one unit
 * (src/corpus/lead-in.ts): the quotation is read under the lead-in's last sentence, which names who
 * speaks, and a reply shows the lead-in with the quotation after it. Real corpus; the queries are
 * our own cases (test/fixtures/search-own, o-p99, o-p103, o-p114), none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCiter } from '../src/cite/citer.ts';
import type { Corpus } from '../src/corpus/corpus.ts';
import { introducingSentence, leadsInto } from '../src/corpus/lead-in.ts';
import type { Block } from '../src/corpus/model.ts';
import { passageView } from '../src/present/passage.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { passageDocuments } from '../src/search/index-build.ts';
import { shownBlocks } from '../src/search/shown.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
let corpus: Corpus;
beforeAll(async () => {
  ({ engine, corpus } = await realEngine());
});

const blockWith = (snippet: string): Block => [...corpus.passages()].find((p) => p.block.plain.includes(snippet))!.block;
const headingOf = (id: string) => passageDocuments(corpus).find((d) => d.id === id)?.heading ?? '';

describe('GIVEN paragraphs that end in a colon in the bundled corpus', () => {
  it('THEN the paragraph after one is its quotation, but not a list, a side of a translation pair or another lead-in', () => {
    const serge = blockWith('Everything has changed. The aims: from international social revolution');
    expect(corpus.leadIn(serge)?.plain).toMatch(/summarized by Victor Serge in his book From Lenin to Stalin:$/);
    expect(corpus.quotationAfter(corpus.leadIn(serge)!)).toBe(serge);
    // "These new primary sources are:" opens a list, not a quotation.
    expect(corpus.leadIn(blockWith('The Trotsky Archive at Houghton Library, Harvard University, open since'))).toBeUndefined();
    // "Fel'shtinsky writes:" before a Russian original shown beside its translation.
    expect(corpus.leadIn(blockWith('Отметим, что до начала болезни Ленина'))).toBeUndefined();
    // A heading-like label that is itself a lead-in ("B.O. #42 February 1935:") leads on, not the paragraph before it.
    const label = blockWith('B.O. #42 February 1935:');
    expect(corpus.leadIn(label)).toBeUndefined();
    expect(leadsInto({ ...label, plain: 'Trotsky wrote:' }, label)).toBe(false);
    expect(leadsInto({ ...label, plain: 'Trotsky wrote:' }, { ...label, plain: 'It was clear.' })).toBe(true);
  });

  it('THEN a quotation is read under the lead-in sentence that introduces it, not under the whole argument before it', () => {
    expect(introducingSentence('The party was split. Lenin wrote to the Congress: ')).toBe('Lenin wrote to the Congress: ');
    const heading = headingOf(blockWith('Everything has changed. The aims:').id);
    expect(heading).toContain('The change that had taken place after the death of Lenin has been very beautifully summarized by Victor Serge');
    expect(heading).not.toContain('Therefore, it is clear that Lenin wanted to form a bloc');
  });
});

describe('GIVEN a query naming who is quoted and saying what the quotation says in other words', () => {
  it.each([
    ['Piatakov testified that near Oslo Trotsky expected a war soon', 'From his point of view, war is inevitable in the near future'],
    ["Preobrazhensky's letter of December 1927: Lashevich admitted they had made up Trotskyism", 'We invented Trotskyism ourselves'],
    ["Lenin's letter: Stalin is too coarse to stay general secretary", 'Stalin is too rude and this defect'],
  ])('THEN "%s" finds the quotation first, shown after its lead-in', async (query, snippet) => {
    const first = (await engine.search(query, { limit: 3 })).hits[0]!;
    const shown = shownBlocks(corpus, first.block);
    const quotation = blockWith(snippet);
    const lead = corpus.leadIn(quotation)!;
    expect(shown).toContain(quotation);
    expect(shown).toContain(lead);
    const view = passageView(corpus, createCiter(), first.block, first.work, 'chicago', { unit: true });
    expect(view.id).toBe(lead.id);
    expect(view.text).toBe(`${lead.text}\n\n${quotation.text}`);
  });
});

describe('GIVEN a lead-in and its quotation both matching a query', () => {
  it('THEN they are one result, and a quotation repeated after two lead-ins is one result too', async () => {
    const hits = (await engine.search('Trotsky wrote: There is only one way to forestall en route the amalgams', { limit: 10 })).hits;
    const units = hits.map((h) => shownBlocks(corpus, h.block).filter((b) => b.plain.includes('There is only one way to forestall en route the amalgams')));
    expect(units.filter((u) => u.length > 0)).toHaveLength(1);
    const ids = hits.flatMap((h) => shownBlocks(corpus, h.block).slice(0, 3).map((b) => b.id));
    expect(new Set(ids).size, 'no block is shown by two results').toBe(ids.length);
  });

  it('THEN the context command still shows each paragraph once, by itself', () => {
    const quotation = blockWith('From his point of view, war is inevitable in the near future');
    const work = corpus.workOf(quotation.id)!;
    expect(passageView(corpus, createCiter(), quotation, work, 'chicago').text).toBe(quotation.text);
  });
});
