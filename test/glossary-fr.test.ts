/**
 * The core French–English glossary (data/glossary/fr-en.tsv, src/search/expand/glossary-fr.ts):
 * the words of a query that reads as French reach their lemma's English words, an English query is
 * not looked up in it, and a damaged or foreign file is refused with the file, the line and the fix
 * named. Real glossary and real corpus; queries written for this test, none in ../shared/eval.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseTerm, isKey, parseQuery } from '../src/search/analyse/index.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { expandWord, GLOSSARY_WEIGHT, TRANSLATED } from '../src/search/expand/index.ts';
import { frenchGlossaryTerms, frenchGlossaryUnavailable, loadFrenchGlossary } from '../src/search/expand/glossary-fr.ts';
import { shownHitTexts } from '../src/search/shown.ts';
import { matchReport } from '../src/search/match-report.ts';
import { termPositions } from '../src/search/term-positions.ts';
import { realCorpus, realEngine } from './helpers/corpus.ts';

/** The English terms the glossary gives a French word as typed. */
const lookup = (word: string) => frenchGlossaryTerms(word).map((t) => t.term);
const english = (word: string) => analyseTerm(word).filter((t) => !isKey(t))[0]!;
const index = { has: () => true, frequency: () => 0.001, count: () => 1, size: 5000, lexicons: () => ({ toEnglish: new Map(), fromEnglish: new Map(), segments: 0 }) };
const expansions = (query: string, word: string) => expandWord(parseQuery(query).words.find((w) => w.text === word)!, index);

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
}, 120_000);

describe('GIVEN the bundled French glossary', () => {
  it('THEN inflected French words reach the English words of their lemma, the most common sense first', () => {
    expect(lookup('tué')).toEqual([english('kill'), english('murder')]);
    expect(lookup('truqués')[0]).toBe(english('rigged'));
    expect(lookup('truqués')).toContain(english('faked'));
    expect(lookup('fils')).toEqual([english('son')]);
    expect(lookup('journée')).toEqual([english('day')]);
    expect(lookup('procès')[0]).toBe(english('trial'));
    expect(lookup('aveux')[0]).toBe(english('confession'));
    expect(lookup('espérait')).toEqual([english('hope')]);
  });

  it('THEN a participle Snowball stems apart from its verb reaches the verb (bu, convaincu, vendus, plaignait)', () => {
    expect(lookup('bu')).toEqual([english('drink')]);
    expect(lookup('convaincu')[0]).toBe(english('persuade'));
    expect(lookup('vendus')).toEqual([english('sell')]);
    expect(lookup('plaignait')[0]).toBe(english('complain'));
  });

  it('THEN a word that is itself a lemma means it (porte door, not porter carry), and function words get nothing', () => {
    expect(lookup('porte')[0]).toBe(english('door'));
    expect(lookup('toute')).toEqual([]);
    expect(lookup('son')).toEqual([]);
    expect(lookup('les')).toEqual([]);
  });
});

describe('GIVEN a query that reads as French', () => {
  it('THEN each word carries its French form, an elided article dropped', () => {
    const words = parseQuery("la veille au soir Sedov se plaignait de manquer d'argent").words;
    expect(words.find((w) => w.text === 'dargent')?.french).toBe('argent');
    expect(words.find((w) => w.text === 'soir')?.french).toBe('soir');
  });

  it('THEN a word gets the glossary\'s English at GLOSSARY_WEIGHT, its other senses less', () => {
    const proces = expansions('les procès de Moscou étaient-ils truqués', 'procès');
    expect(proces.find((e) => e.term === english('trial'))?.weight).toBe(GLOSSARY_WEIGHT);
    expect(proces.find((e) => e.term === english('case'))!.weight).toBeLessThan(GLOSSARY_WEIGHT);
  });

  it('THEN its gloss covers it in a passage\'s coverage as a translation does (TRANSLATED), not as a synonym by its weight', () => {
    const truques = expansions('les procès de Moscou étaient-ils truqués', 'truqués');
    expect(truques.find((e) => e.term === english('rigged'))?.cover).toBe(TRANSLATED);
    expect(truques.find((e) => e.term === english('faked'))?.cover).toBeCloseTo(TRANSLATED * 0.8);
  });

  it('THEN a French word WordNet would read as the English word it spells gets the glossary\'s English only (expédiés: ship, not expedient\'s opportune)', () => {
    const terms = expansions('comment les livres sont-ils expédiés aux acheteurs', 'expédiés').map((e) => e.term);
    expect(terms).toContain(english('ship'));
    expect(terms).not.toContain(english('opportune'));
    expect(expansions('le fils de Trotsky a bu toute la journée chez Mak', 'toute')).toEqual([]);
  });

  it('THEN a feminine form reaches its lemma (seule: seul alone, single)', () => {
    expect(lookup('seule')).toContain(english('alone'));
  });

  it('THEN the English passage its words name ranks first (Yezhov a été convaincu de démissionner)', async () => {
    const { hits } = await engine.search('Yezhov a été convaincu de démissionner', { limit: 3 });
    expect(shownHitTexts(engine.corpus, hits[0]!).join(' ')).toContain('Yezhov was persuaded to resign.');
  });
});

describe('GIVEN a French gloss that Porter2 cuts to another English word (soir evening → even, bâtiment building → build), as the Russian glossary finds it', () => {
  it('THEN it stands only for its own forms, as вечер\'s evening does, and a gloss that is its own term is not restricted', () => {
    const soir = frenchGlossaryTerms('soir').find((t) => t.term === english('evening'));
    expect(soir?.surface).toEqual(expect.arrayContaining(['evening', 'evenings']));
    expect(soir?.surface).not.toContain('even');
    expect(frenchGlossaryTerms('bâtiment').find((t) => t.term === english('building'))?.surface).toContain('building');
    expect(frenchGlossaryTerms('tué').every((t) => t.surface === undefined)).toBe(true);
  });

  it('THEN the reply\'s match report does not say a passage that only says "even" has soir in other words; one that says "evening" has it as evening', async () => {
    const words = engine.expand(engine.parse('le soir où Kirov fut tué')).words;
    expect(words.find((w) => w.text === 'soir')?.french).toBe('soir');
    const english = [...(await realCorpus()).corpus.passages()].map((p) => p.block).filter((b) => b.lang === 'en');
    const evenOnly = english.filter((b) => /\beven\b/i.test(b.plain) && !/\bevening/i.test(b.plain));
    expect(evenOnly.length).toBeGreaterThan(10);
    for (const b of evenOnly) expect(matchReport(words, [b], (x) => termPositions(x.plain))).not.toContainEqual({ word: 'soir', found: 'related', as: expect.stringMatching(/^even$/i) });
    const evening = english.find((b) => b.plain.includes('In the evening we continued our conversation'))!;
    expect(matchReport(words, [evening], (x) => termPositions(x.plain))).toContainEqual({ word: 'soir', found: 'related', as: 'evening' });
  });
});

describe('GIVEN an English query', () => {
  it('THEN no word is looked up in the French glossary, though French has it (son, main, pain)', () => {
    const parsed = parseQuery('the main pain of his son');
    expect(parsed.words.every((w) => w.french === undefined)).toBe(true);
    for (const w of parsed.words) {
      const terms = expandWord(w, index).map((e) => e.term);
      expect(terms).not.toContain(english('hand'));
      expect(terms).not.toContain(english('bread'));
    }
  });
});

describe('GIVEN a French glossary file that cannot be used', () => {
  it('THEN a file of another format version, a malformed line, a lemma that is not French or a repeated lemma is refused naming the file, the line and the fix', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-glossary-fr-'));
    const file = path.join(dir, 'fr-en.tsv');
    const head = '# lectern.glossary.fr-en 1\n';
    await writeFile(file, '# lectern.glossary.fr-en 2\nfils\tson\n');
    expect(() => loadFrenchGlossary(file)).toThrow(/fr-en\.tsv: the first line must be "# lectern\.glossary\.fr-en 1".*git checkout -- data\/glossary\/fr-en\.tsv/);
    await writeFile(file, `${head}fils son\n`);
    expect(() => loadFrenchGlossary(file)).toThrow(/fr-en\.tsv:2: expected a French lemma, one tab.*correct the line or restore it/);
    await writeFile(file, `${head}Fils\tson\n`);
    expect(() => loadFrenchGlossary(file)).toThrow(/fr-en\.tsv:2: "Fils" is not one lower-case French word/);
    await writeFile(file, `${head}fils\tSon of\n`);
    expect(() => loadFrenchGlossary(file)).toThrow(/fr-en\.tsv:2: expected 1–4 lower-case English words/);
    await writeFile(file, `${head}fils\tson\n# comment\nfils\tboy\n`);
    expect(() => loadFrenchGlossary(file)).toThrow(/fr-en\.tsv:4: "fils" is listed already on line 2/);
    expect(() => loadFrenchGlossary(path.join(dir, 'missing.tsv'))).toThrow(/missing\.tsv cannot be read \(ENOENT\).*git checkout -- data\/glossary\/fr-en\.tsv/);
  });

  it('THEN start-up, which does not read it, names a missing file and the fix, and says nothing when the file is there', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-glossary-fr-'));
    expect(frenchGlossaryUnavailable({ read: false, file: path.join(dir, 'fr-en.tsv') })).toMatch(/fr-en\.tsv is missing: French → English search only where the corpus pairs words.*git checkout -- data\/glossary\/fr-en\.tsv/);
    expect(frenchGlossaryUnavailable({ read: false })).toBeUndefined();
    expect(frenchGlossaryUnavailable()).toBeUndefined();
  });
});
