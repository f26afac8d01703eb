/**
 * A synonym's derivational family (src/search/expand/index.ts FAMILY_ENDINGS): an adjective or agent
 * noun that Porter2 leaves a stem of its own (insurrectionary, conspiratorial) is reached through the
 * synonym WordNet gives (insurrection, conspirator). On the real corpus; queries written for the test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../src/search/engine.ts';
import { relatedStems } from '../src/search/expand/wordnet.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const expansions = (query: string, word: string) => new Map((engine.expand(engine.parse(query)).words.find((w) => w.text === word)?.expansions ?? []).map((e) => [e.term, e.weight]));

describe('GIVEN a query word whose synonym the text uses as an adjective of its own stem', () => {
  it('THEN the adjective is among its expansions, a little below the synonym', () => {
    // insurgent → insurrection (WordNet) → insurrectionary (the text: "insurrectionary groups").
    const insurgents = expansions('insurgents in the north', 'insurgents');
    expect(insurgents.get('insurrectionari')).toBeGreaterThan(0);
    expect(insurgents.get('insurrectionari')!).toBeLessThan(insurgents.get('insurrect')!);
    // plotter → conspirator (WordNet) → conspiratorial.
    expect(expansions('the plotters met', 'plotters').get('conspiratori')).toBeGreaterThan(0);
  });

  it('THEN a short stem has no family: Porter2 cuts unrelated words to it (militant, military: milit)', () => {
    // competitive → militant (WordNet) is milit, and milit + ari is military, which it is not.
    const competitive = expansions('secret, competitive ballots', 'competitive');
    expect(competitive.get('milit')).toBeGreaterThan(0);
    expect(competitive.get('militari')).toBeUndefined();
  });
});

describe('GIVEN a verb whose noun Porter2 stems alike (exonerate, exoneration)', () => {
  it('THEN the noun’s synonyms and narrower words are the verb’s too, below its own synonyms', () => {
    // exonerate (v.) → exoneration (n.), in the synset of vindication, whose narrower word is rehabilitation.
    const verb = new Map(relatedStems('exoner', new Set(['v'])).map((r) => [r.term, r.weight]));
    expect(verb.get('rehabilit')).toBeGreaterThan(0);
    expect(verb.get('vindic')).toBeGreaterThan(0);
    expect(verb.get('rehabilit')!).toBeLessThan(verb.get('acquit')!);
  });
});

describe('GIVEN an adjective whose noun Porter2 stems alike (competitive, competition; deceptive, deception)', () => {
  it('THEN the noun’s other senses are the adjective’s expansions too, and another word’s senses are not', () => {
    // "competitive ballots" meets "contested elections": competitive → competition → contest.
    expect(expansions('the constitution demanded secret, competitive ballots', 'competitive').get('contest')).toBeGreaterThan(0);
    // "deceptive politics" meets "the politics of deceit": deceptive → deception → deceit.
    expect(expansions('the deceptive politics of Stalinism', 'deceptive').get('deceit')).toBeGreaterThan(0);
    // "officially" → office (another stem) → role, part: not followed.
    expect(expansions('Have Trotsky and his son ever been officially cleared?', 'officially').get('part')).toBeUndefined();
    const senses = relatedStems('competit', new Set(['a']), 'competitive');
    expect(senses.find((r) => r.term === 'contest')?.weight).toBeLessThan(senses.find((r) => r.term === 'competitori')!.weight);
  });
});
