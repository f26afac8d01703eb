/**
 * The match report: how the first passage of a search meets the query's words, and the line /quote
 * leads with when it meets them loosely. Real corpus, real engine, real dispatch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/index.ts';
import { matchReport } from '../src/search/match-report.ts';
import { termPositions } from '../src/search/term-positions.ts';
import type { Block } from '../src/corpus/model.ts';
import { matchNotice, MATCH_NOTICE_WORDS } from '../src/present/match-notice.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';
import { createRealDispatch, testScope, type RealDispatch } from './helpers/real-dispatch.ts';

let engine: SearchEngine;
let real: RealDispatch;
beforeAll(async () => {
  ({ engine } = await realEngine());
  real = await createRealDispatch();
});

const leadText = async (query: string) => {
  const r = await real.dispatch({ command: 'quote', args: { query, limit: 3 }, scope: testScope() });
  expect(r.error).toBeUndefined();
  const first = r.sections[0];
  return first?.kind === 'text' ? first.text : '';
};

describe('GIVEN a query whose words the first passage has as they are', () => {
  it('THEN every word is found as itself and /quote adds no line', async () => {
    const result = await engine.search('peppery dishes', { limit: 3 });
    expect(result.match).toEqual([
      { word: 'peppery', found: 'itself' },
      { word: 'dishes', found: 'itself' },
    ]);
    expect(await leadText('peppery dishes')).toBe('');
  });

  it('THEN another transliteration of a name counts as the name itself (Yezhov, Ezhov)', async () => {
    for (const spelling of ['Ezhov', 'Iezhov']) {
      const result = await engine.search(spelling, { limit: 1 });
      expect(result.hits[0]!.block.plain).toMatch(/\b(?:Yezhov|Ezhov)\b/);
      expect(result.match).toEqual([{ word: spelling.toLowerCase(), found: 'itself' }]);
    }
  });
});

describe('GIVEN a misspelt name', () => {
  it('THEN the nearest spelling wins over a rarer, farther one, and the reply names the word it matched', async () => {
    // "Trotsk." (an abbreviation in two passages) is two edits away, "Trotsky" one swap.
    const result = await engine.search('Trotksy', { limit: 3 });
    for (const h of result.hits) expect(h.block.plain).toMatch(/\bTrotsky\b/);
    expect(result.match).toEqual([{ word: 'trotksy', found: 'related', as: 'Trotsky' }]);
    expect(await leadText('Trotksy')).toBe('Matched in other words: the first passage has “Trotsky” for “trotksy”.');
  });
});

describe('GIVEN a query with a word no passage has', () => {
  it('THEN the report says which word the first passage lacks, and /quote leads with it', async () => {
    const result = await engine.search('Kirov assassination marmalade', { limit: 3 });
    expect(result.match?.find((m) => m.word === 'marmalade')).toEqual({ word: 'marmalade', found: 'no' });
    expect(result.match?.find((m) => m.word === 'kirov')).toEqual({ word: 'kirov', found: 'itself' });
    expect(await leadText('Kirov assassination marmalade')).toMatch(/^Closest match, not every word: the first passage lacks “marmalade”/);
  });

  it('THEN page 2 of the same results does not repeat the line', async () => {
    const r = await real.dispatch({ command: 'quote', args: { query: 'Kirov assassination marmalade', limit: 2, page: 2 }, scope: testScope() });
    expect(JSON.stringify(r.sections)).not.toContain('Closest match');
  });
});

describe('GIVEN a Russian query answered by a passage whose translation the reply shows beside it', () => {
  it('THEN words found only in the translation shown beside it count as found', async () => {
    const result = await engine.search('потребность в амальгамах у бюрократии', { limit: 1 });
    expect(result.match?.every((m) => m.found === 'itself')).toBe(true);
  });
});

describe('GIVEN a phrase in quotes or stop words only', () => {
  it('THEN there is no report: the phrase is matched as typed, the scan matches every word', async () => {
    expect((await engine.search('"peppery dishes"', { limit: 1 })).match).toBeUndefined();
    expect((await engine.search('the of and', { limit: 1 })).match).toBeUndefined();
  });
});

describe('GIVEN the report of made-up words and texts', () => {
  const words = parseQuery('confirmation faked dogs').words;
  words[0]!.expansions = [{ term: 'corrobor', weight: 0.2 }];

  it('THEN a word met by an expansion is related, with the passage’s own spelling', () => {
    const block = { plain: 'Without Corroboration the dog was faked.' } as Block;
    expect(matchReport(words, [block], (b) => termPositions(b.plain))).toEqual([
      { word: 'confirmation', found: 'related', as: 'Corroboration' },
      { word: 'faked', found: 'itself' },
      { word: 'dogs', found: 'itself' },
    ]);
  });

  it('THEN a misspelt name met by the typo stage is related even where the text glues a note number to it', () => {
    const misspelt = parseQuery('Kalinowksi letter').words;
    misspelt[0]!.unknown = true;
    const once = { plain: 'We cite Kalinowski’s7 quotation from a letter.' } as Block;
    expect(matchReport(misspelt, [once], (b) => termPositions(b.plain))).toEqual([
      { word: 'kalinowksi', found: 'related', as: 'Kalinowski' },
      { word: 'letter', found: 'itself' },
    ]);
    const twice = { plain: 'We cite Kalinowski’s7 quotation from a letter. Kalinowski read it.' } as Block;
    expect(matchReport(misspelt, [twice], (b) => termPositions(b.plain))[0]).toEqual({ word: 'kalinowksi', found: 'related', as: 'Kalinowski' });
  });

  it('THEN the notice lists at most MATCH_NOTICE_WORDS words of each kind and counts the rest', () => {
    const many = Array.from({ length: MATCH_NOTICE_WORDS + 2 }, (_, i) => ({ word: `w${i}`, found: 'no' as const }));
    const notice = matchNotice([{ word: 'x', found: 'itself' }, ...many])!;
    expect(notice).toContain('and 2 more');
    expect(notice.match(/“w\d”/g)).toHaveLength(MATCH_NOTICE_WORDS);
    expect(matchNotice(many)).toMatch(/^No passage has your words; the closest are shown\./);
    expect(matchNotice([{ word: 'x', found: 'itself' }])).toBeUndefined();
    expect(matchNotice(undefined)).toBeUndefined();
  });

  it('THEN one passage word standing for two of the query is said once', () => {
    const notice = matchNotice([
      { word: 'trotsky', found: 'related', as: 'Sedov' },
      { word: 'son', found: 'related', as: 'Sedov' },
      { word: 'exonerated', found: 'related', as: 'innocent' },
    ]);
    expect(notice).toBe('Matched in other words: the first passage has “Sedov” for “trotsky” and “son”, “innocent” for “exonerated”.');
  });
});

describe('GIVEN a Russian word glossed by several English words (партархив: party archive)', () => {
  it('THEN the report names the passage\'s words for all of them where they stand side by side, not the first alone', async () => {
    const result = await engine.search('в центральном партархиве не выдают материалы', { limit: 1 });
    expect(result.match).toContainEqual({ word: 'партархиве', found: 'related', as: 'Party archive' });
    const hyphen = await engine.search('национал-фашистская организация на Украине', { limit: 1 });
    expect(hyphen.match).toContainEqual({ word: 'националфашистская', found: 'related', as: 'national fascist' });
  });

  it('THEN an English word\'s synonyms side by side, or a weak learned pair beside a gloss, are not joined to it', () => {
    const words = parseQuery('убийством').words;
    words[0]!.expansions = [{ term: 'murder', weight: 0.5 }, { term: 'kirov', weight: 0.26 }];
    const block = { plain: 'Kirov murder case' } as Block;
    expect(matchReport(words, [block], (b) => termPositions(b.plain))).toEqual([{ word: 'убийством', found: 'related', as: 'murder' }]);
    const english = parseQuery('plot').words;
    english[0]!.expansions = [{ term: 'conspiraci', weight: 0.5 }, { term: 'scheme', weight: 0.5 }];
    expect(matchReport(english, [{ plain: 'a conspiracy scheme' } as Block], (b) => termPositions(b.plain))).toEqual([{ word: 'plot', found: 'related', as: 'conspiracy' }]);
  });
});

describe('GIVEN a question who published a work, answered by the entry listing it (publisher-query.ts)', () => {
  it('THEN the notice names neither the publishing word nor the kind of work, which the ranking asks no answer to hold', async () => {
    // Before: "the first passage lacks “published”, “book”" for the entry that is the answer.
    for (const query of ["who published Getty's book on Yezhov", "where was Bobrov's article on Ordzhonikidze published", "where were Bobrov's pieces on Ordzhonikidze published"]) {
      const result = await engine.search(query, { limit: 1 });
      expect(result.hits[0]!.block.kind, query).toBe('bibliography');
      expect(matchNotice(result.match), query).toBeUndefined();
    }
  });

  it('THEN a word of the work the first passage lacks is still named', async () => {
    const result = await engine.search("where were Furr's essays on Tukhachevsky published", { limit: 1 });
    expect(result.match?.map((m) => m.word)).not.toContain('essays');
    expect(matchNotice(result.match)).toContain('“furr”');
  });
});

describe('GIVEN a passage that writes a word as a hyphenated compound ("frame-up", "re- habilitation")', () => {
  it('THEN its positions hold the joined form the index reads, at the compound\'s first word', () => {
    const at = termPositions('the Moscow Trials were a frame-up and his re- habilitation came late');
    expect(at.get('frameup')).toEqual([5]);
    expect(at.get('rehabilit')).toEqual([9]);
    // A hyphen before a capital after white space is no line-break residue: no joined form.
    expect([...termPositions('the Moscow- Berlin axis').keys()].some((t) => t.includes('moscowberlin'))).toBe(false);
  });

  it('THEN a synonym met through the joined form is reported as the compound the text spells', async () => {
    const result = await engine.search('Trotsky falsely called the Moscow Trials a setup', { limit: 3 });
    expect(result.hits[0]?.block.plain).toContain('Moscow Trials were a frame-up');
    expect(result.match).toContainEqual({ word: 'setup', found: 'related', as: 'frame-up' });
    expect(await leadText('Trotsky falsely called the Moscow Trials a setup')).toContain('“frame-up” for “setup”');
  });
});
