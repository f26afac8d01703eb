/**
 * Introductions by a role (src/search/role-introduction.ts, read by rerank.ts for a short query made
 * of a name): an appositive, a role said without an article, a title before the name. Real corpus;
 * the queries are the reader's questions of test/fixtures/search-own/cases-intro16.json, none is in
 * ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { fold, foldKeepCase, parseQuery } from '../src/search/analyse/index.ts';
import { introducesByRole } from '../src/search/role-introduction.ts';
import { introduction } from '../src/search/rerank.ts';
import { realCorpus, realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const top = async (query: string) => (await engine.search(query, { limit: 1 })).hits[0]?.block.plain ?? '';
const plainOf = async (id: string) => {
  const { corpus } = await realCorpus();
  const block = corpus.block(id);
  if (!block) throw new Error(`no passage ${id}`);
  return block.plain;
};
const byRole = (spelling: string, plain: string) => introducesByRole(spelling, fold(plain), foldKeepCase(plain));

describe('GIVEN a question for who someone was, answered where the text gives the role beside the name', () => {
  it('THEN the appositive, the role said without an article or the title before the name ranks first', async () => {
    // Before: the speaker's label "Prosecutor Vyshinsky:" first, the appositive 7th.
    expect(await top('who was Vyshinsky')).toContain('Vyshinsky, the Soviet prosecutor');
    // Before: 5th, below passages with "job" in them ("a superb job of proofreading").
    expect(await top("what was Iagoda's job")).toContain('Genrikh Iagoda was head of the OGPU');
    // Before: not in the first ten.
    expect(await top("what was Kirov's position")).toContain('First Secretary of the Bolshevik party in Leningrad');
    // Before: 3rd, below passages naming Getty among other historians.
    expect(await top('who is Arch Getty')).toContain('American historian Arch Getty');
  });

  it('THEN a clause that reports a role ("knew that Yezhov was a member …") introduces no one, and the passage that does ranks first', async () => {
    expect(introduction('yezhov')(fold(await plainOf('continuing-revolution-speech.p101')))).toBe(false);
    expect(await top('who was Yezhov')).toContain('Yezhov, head of the NKVD');
  });

  it('THEN a byline that holds the name and nothing else does not answer it', async () => {
    // Before: the article's byline "Dibyajit Mukherjee" first.
    expect(await top('who is Dibyajit Mukherjee')).toContain('assistant professor, Institute of Engineering and Management');
  });
});

describe('GIVEN a name beside a comma or a noun that is no role', () => {
  it('THEN a list of names, a speaker’s label, a year and a verb’s object are not introductions by a role', async () => {
    // "…a bloc with the Zinovievists, the Sten-Lominadze group, Safarov, and other oppositionists"
    expect(byRole('zinovievists', await plainOf('trotskys-lies.p233'))).toBe(0);
    expect(byRole('vyshinsky', await plainOf('trotskys-lies.p429'))).toBe(0);
    // "…in 1926, the idea that she could have said…": a year has no appositive.
    expect(byRole('1926', await plainOf('trotskys-lies.p259'))).toBe(0);
    // "Sedov tried to recruit Zborowski as a terrorist": a verb before the name, though WordNet's recruit is a person too.
    expect(byRole('zborowski', await plainOf('trotskys-lies.p158'))).toBe(0);
    expect(byRole('vyshinsky', await plainOf('trotskys-lies.p370'))).toBeGreaterThan(0);
  });

  it('THEN a topic with a name ("Jagoda\'s confessions") is not read for a role: the passage introducing Iagoda as head of the OGPU does not outrank those on his confessions', async () => {
    const first = await top("Jagoda's confessions");
    expect(first).toContain("Iagoda's pretrial confessions");
    expect(first).not.toContain('Genrikh Iagoda was head of the OGPU');
  });
});

describe('GIVEN a question that ends on a word for a role', () => {
  it('THEN the word weighs little, unless another word follows it', () => {
    const light = (q: string) => parseQuery(q).words.filter((w) => w.light).map((w) => w.text);
    expect(light("what was Zborowski's role")).toEqual(['role']);
    expect(light("what was Iagoda's job")).toEqual(['job']);
    expect(light("Stalin's position on the bloc")).toEqual([]);
  });
});
