/**
 * A word the text seldom uses keeps, past its strongest expansions, its first noun sense's synonyms,
 * narrower and broader words that the text uses more (src/search/expand/index.ts TEXT_WORDS): the
 * text says the thing its own way (proof → evidence: its broader word), and the ratio
 * of idfs had weighed those common words below the rare words of the word's later senses, which took
 * every place. On the real corpus; the queries are our own cases (test/fixtures/search-own
 * cases-para20w.json), none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../src/search/engine.ts';
import { relatedStems } from '../src/search/expand/wordnet.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const expansionsOf = (query: string, word: string) => new Map((engine.expand(engine.parse(query)).words.find((w) => w.text === word)!.expansions ?? []).map((e) => [e.term, e.weight]));

describe('GIVEN a reader’s word the text seldom uses, whose first sense the text says in a commoner word', () => {
  it('THEN that word stands for it (proof → evidence), weakly', () => {
    const { vocabulary } = engine.source;
    // The text says "proof" in 7 passages and "evidence" in 156; evidence is proof's broader word.
    expect(vocabulary.documentFrequency('proof')).toBeLessThan(0.02 * vocabulary.documentCount);
    expect(relatedStems('proof').find((r) => r.term === 'evid')?.first).toBe(true);
    const proof = expansionsOf('all the proof we have supports the idea', 'proof');
    expect(proof.get('evid')).toBeGreaterThan(0);
    expect(proof.get('evid')!).toBeLessThan(0.1);
  });

  it('THEN a later sense’s words do not come in so (proof as a verb: treat), nor a verb’s (view: include, call), nor for a word the text uses often', () => {
    const proof = relatedStems('proof');
    expect(proof.find((r) => r.term === 'treat')?.first).not.toBe(true);
    // "view" is in few passages too, but its verb's narrower words are the commonest verbs.
    const view = expansionsOf('how did Broué think the Harvard letters would change the accepted view of the Moscow Trials', 'view');
    for (const common of ['includ', 'call', 'like', 'make']) expect(view.has(common), common).toBe(false);
    // "murder" is in 72 passages: the text uses it, and its expansions stay the strongest twelve.
    const murder = expansionsOf('Sedov: Stalin has to be murdered', 'murdered');
    expect(murder.has('kill')).toBe(false);
  });

  it('THEN the passage saying it in the text’s words ranks first', async () => {
    const query = 'all the proof we have supports the idea that Trotsky called for killings; only his and Sedov’s denials contradict it';
    const top = (await engine.search(query, { limit: 1 })).hits[0]!.block.plain;
    expect(top).toContain('All the evidence we now have supports the hypothesis that Trotsky advocated assassination');
  });
});
