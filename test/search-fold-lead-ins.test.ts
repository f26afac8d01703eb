/**
 * Two lead-ins of one quotation fold into one hit (engine.ts fold: a repeated quotation is one
 * passage), and the better scored lead-in is the one listed: each says something of its own
 * before the quotation, and the reader's words are in that one. Before, the lead-in carrying a
 * citation was listed whatever its score, and a paraphrase of the other lead-in (own case
 * o-and17-04, cases-and17.json) found neither its passage nor its words in the best ten.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { snippetMatches } from '../src/eval/normalize.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { shownHitTexts } from '../src/search/shown.ts';
import type { Corpus } from '../src/corpus/corpus.ts';
import { realEngine } from './helpers/corpus.ts';
import { inShownHit, rankWhere } from './helpers/rank.ts';

let engine: SearchEngine;
let corpus: Corpus;
beforeAll(async () => {
  ({ engine, corpus } = await realEngine());
});

const QUOTED = 'There is only one way to forestall en route the amalgams';
const SELF = 'discussed his strategy of pretending to "predict"';
const CITING = "Trotsky's principal tactic in covering up the bloc";

const rankOf = (query: string, snippet: string) => rankWhere(engine, query, inShownHit(corpus, snippet));

describe('GIVEN two paragraphs leading into the same quotation ("There is only one way to forestall…")', () => {
  it('THEN a paraphrase of the lead-in without a citation shows that lead-in in the best three', async () => {
    const rank = await rankOf('Trotsky pretended to foresee what he already knew would come after the Kirov killing', SELF);
    expect(rank).toBeGreaterThan(0);
    expect(rank).toBeLessThanOrEqual(3);
  });

  it('THEN the quotation is shown once, under the lead-in listed', async () => {
    const hits = (await engine.search('Trotsky pretended to foresee what he already knew would come after the Kirov killing', { limit: 10 })).hits;
    const quoting = hits.filter((h) => shownHitTexts(corpus, h).some((t) => snippetMatches(t, QUOTED)));
    expect(quoting).toHaveLength(1);
    expect(shownHitTexts(corpus, quoting[0]!).some((t) => snippetMatches(t, SELF))).toBe(true);
  });

  it('THEN a query in the citing lead-in’s own words still lists that one first', async () => {
    expect(await rankOf('Trotsky principal tactic covering up the bloc expose the scheme in advance', CITING)).toBe(1);
  });
});
