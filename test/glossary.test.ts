/**
 * The core Russian–English glossary (data/glossary/ru-en.tsv, src/search/expand/glossary.ts):
 * inflected Russian words reach their lemma's English words and English words their Russian
 * stems, stems shared by unrelated lemmas are not used, and a damaged or foreign file is refused
 * with the file and the fix named.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseTerm, isKey, parseQuery } from '../src/search/analyse/index.ts';
import { SearchEngine, shownWith } from '../src/search/engine.ts';
import { expandWord, GLOSSARY_WEIGHT, russianTerms, TRANSLATION_SCALE } from '../src/search/expand/index.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { realCorpus } from './helpers/corpus.ts';
import {
  compileGlossary,
  GLOSSARY_FILE,
  GLOSSARY_STEMS_FILE,
  glossaryTerms,
  glossaryUnavailable,
  loadGlossary,
  parseGlossary,
  readGlossaryStems,
  stemGlossary,
  stemsFingerprint,
} from '../src/search/expand/glossary.ts';

/** The English terms the glossary gives a Russian word as typed, or the Russian ones an English word gets. */
const lookup = (word: string) => glossaryTerms(word, analyseTerm(word, { query: true })).map((t) => t.term);
const english = (word: string) => analyseTerm(word).filter((t) => !isKey(t))[0]!;

describe('GIVEN the bundled glossary', () => {
  it('THEN inflected Russian words reach the English words of their lemma', () => {
    expect(lookup('расстреляли')).toContain(english('shoot'));
    expect(lookup('расстреляли')).toContain(english('execute'));
    expect(lookup('газете')).toContain(english('newspaper'));
    expect(lookup('сына')).toContain(english('son'));
    expect(lookup('почтой')).toContain(english('mail'));
    expect(lookup('книгу')).toContain(english('book'));
    expect(lookup('грубого')).toContain(english('rude'));
    expect(lookup('первого')).toContain(english('first'));
    // Past and participle forms Snowball stems apart from the infinitive (знать → знат, знал → знал).
    expect(lookup('знали')).toContain(english('know'));
    expect(lookup('арестован')).toContain(english('arrest'));
    // Case forms of a lemma whose stem is shared (жена, жених) still find it.
    expect(lookup('жену')).toEqual([english('wife')]);
  });

  it('THEN the verbs of going reach their lemma from the future and past they form on another stem (выйдет, вышел; придёт, пришёл; произошло)', () => {
    expect(lookup('выйдет')).toContain(english('leave'));
    expect(lookup('вышла')).toContain(english('appear'));
    expect(lookup('придёт')).toContain(english('come'));
    expect(lookup('пришли')).toContain(english('arrive'));
    expect(lookup('нашёл')).toContain(english('find'));
    expect(lookup('ушёл')).toContain(english('resign'));
  });

  it('THEN an -ить verb\'s short participle whose consonant changes reaches the verb (осуждён convicted, посажен imprisoned, поставлен), and заочно in absentia', () => {
    for (const w of ['осуждён', 'осужден', 'осуждены']) {
      expect(lookup(w)).toContain(english('convict'));
      expect(lookup(w)).toContain(english('sentence'));
    }
    expect(lookup('посажен')).toContain(english('imprison'));
    expect(lookup('поставлен')).toContain(english('put'));
    expect(lookup('заочно')).toEqual([english('absentia')]);
  });

  it('THEN a word that is itself a lemma means it, and numbers, ordinals and nouns that drop a vowel reach theirs (вместе, пяти, трёх, семнадцатом, немцам, дня)', () => {
    // вместе is also the prepositional a noun rule guesses for вместо (instead): the lemma itself wins.
    expect(lookup('вместе')).toEqual([english('together')]);
    expect(lookup('вместо')).toEqual([english('instead')]);
    expect(lookup('пяти')).toContain(english('five'));
    expect(lookup('десяти')).toContain(english('ten'));
    expect(lookup('трёх')).toContain(english('three'));
    expect(lookup('двумя')).toContain(english('two'));
    expect(lookup('семнадцатом')).toContain(english('seventeenth'));
    expect(lookup('немцами')).toContain(english('German'));
    expect(lookup('подростком')).toContain(english('teenager'));
    expect(lookup('дня')).toContain(english('day'));
    expect(lookup('отца')).toContain(english('father'));
    // Nouns in -ть decline as soft nouns (власти, смерти); a verb's infinitive gets no case forms.
    expect(lookup('смерти')).toContain(english('death'));
    // A form two unrelated lemmas share gives each one's words, at half (вину: вина guilt, вино wine).
    expect(lookup('вину')).toEqual(expect.arrayContaining([english('guilt'), english('wine')]));
  });

  it('THEN the words of buying, paying, post and print reach theirs (тариф, доставка, чек, корректура)', () => {
    expect(lookup('тарифу')).toContain(english('rate'));
    expect(lookup('доставкой')).toContain(english('shipping'));
    expect(lookup('чеком')).toContain(english('check'));
    expect(lookup('корректуру')).toContain(english('proofreading'));
    expect(lookup('отправляют')).toContain(english('ship'));
  });

  it('THEN English words reach the Russian stems of the lemmas they translate', () => {
    expect(lookup('son')).toContain(analyseTerm('сын')[0]);
    expect(lookup('newspapers')).toContain(analyseTerm('газета')[0]);
    expect(lookup('executed')).toEqual(expect.arrayContaining([analyseTerm('расстрелять')[0], analyseTerm('казнь')[0]]));
  });

  it('THEN a stem two unrelated lemmas share gives each one\'s words at half (стали: стать become, сталь steel; дат: дата, дать), their own forms theirs alone', () => {
    expect(lookup('стали')).toEqual(expect.arrayContaining([english('become'), english('steel')]));
    expect(loadGlossary().toEnglish('', 'дат').every((t) => t.weight <= 0.5)).toBe(true);
    expect(lookup('дату')).toEqual([english('date')]);
    expect(lookup('дать')).toEqual([english('give')]);
  });

  it('THEN a query word gets glossary translations weighed below itself and no higher than a learned translation', () => {
    const index = { has: () => true, frequency: () => 0.001, count: () => 1, size: 5000, lexicons: () => ({ toEnglish: new Map(), fromEnglish: new Map(), segments: 0 }) };
    const [word] = parseQuery('газете').words;
    const expansions = expandWord(word!, index);
    const newspaper = expansions.find((e) => e.term === english('newspaper'));
    expect(newspaper?.weight).toBe(GLOSSARY_WEIGHT);
    expect(GLOSSARY_WEIGHT).toBeLessThanOrEqual(TRANSLATION_SCALE);
    expect(Math.max(...expansions.map((e) => e.weight))).toBeLessThan(1);
  });

  it('THEN a gloss\'s irregular forms stand for the word too, as an English word\'s own forms do (привёл: brought; придало: gave, given)', () => {
    const index = { has: () => true, frequency: () => 0.001, count: () => 1, size: 5000, lexicons: () => ({ toEnglish: new Map(), fromEnglish: new Map(), segments: 0 }) };
    const terms = (word: string) => expandWord(parseQuery(word).words[0]!, index);
    const weightOf = (word: string, form: string) => terms(word).find((e) => e.term === english(form))?.weight;
    expect(weightOf('привёл', 'brought')).toBe(weightOf('привёл', 'bring'));
    expect(weightOf('придало', 'gave')).toBeGreaterThan(0);
    // "given" is also a word of its own (a given): below the gloss.
    expect(weightOf('придало', 'given')).toBeLessThan(weightOf('придало', 'give')!);
  });

  it('THEN a translation in a large share of a small corpus is kept (cheap to read), in the same share of a large library left out for cost', () => {
    const lexicons = () => ({ toEnglish: new Map(), fromEnglish: new Map(), segments: 0 });
    const [word] = parseQuery('процесс').words;
    const trial = english('trial');
    // A book on the Moscow Trials: "trial" in 12 % of 1,273 passages (153).
    const small = { has: () => true, frequency: (t: string) => (t === trial ? 0.12 : 0.001), count: (t: string) => (t === trial ? 153 : 1), size: 1273, lexicons };
    expect(expandWord(word!, small).map((e) => e.term)).toContain(trial);
    const large = { ...small, count: (t: string) => (t === trial ? 60_000 : 1), size: 500_000 };
    expect(expandWord(word!, large).map((e) => e.term)).not.toContain(trial);
  });

  it('THEN the Russian glossary words of an English word are not among its expansions, only asked of untranslated Russian passages', () => {
    const index = { has: () => true, frequency: () => 0.001, count: () => 1, size: 5000, lexicons: () => ({ toEnglish: new Map(), fromEnglish: new Map(), segments: 0 }) };
    const [word] = parseQuery('newspaper').words;
    const russian = russianTerms(word!, index).map((t) => t.term);
    expect(russian).toContain(analyseTerm('газета')[0]);
    expect(expandWord(word!, index).map((e) => e.term)).not.toEqual(expect.arrayContaining(russian));
  });

  it('THEN the kept stems are those of the glossary as it is (else: npm run glossary)', () => {
    const bytes = readFileSync(GLOSSARY_FILE);
    const entries = parseGlossary(bytes.toString('utf8'));
    const kept = readGlossaryStems(readFileSync(GLOSSARY_STEMS_FILE), stemsFingerprint(bytes));
    expect(kept, 'data/glossary/ru-en.stems.json is stale: run npm run glossary').toBeDefined();
    expect(kept!.lemmas).toEqual(entries.map((e) => e.lemma));
    expect(entries.length).toBeGreaterThanOrEqual(2000);
  });
});

describe('GIVEN glossaries written for the test', () => {
  const head = '# lectern.glossary.ru-en 1\n';

  it('THEN related lemmas share a stem (суд, судить, судья) but unrelated ones do not, and a short stem is used only as a listed form', () => {
    const g = compileGlossary(stemGlossary(parseGlossary(`${head}суд\tcourt, trial\nсудить\ttry, judge\nсудья\tjudge\nстать\tbecome\nсталь\tsteel\nум\tmind\n`, 'test.tsv')));
    // By stem ('' is no listed form): all three lemmas' words.
    expect(g.toEnglish('', 'суд').map((t) => t.term)).toEqual(expect.arrayContaining(['court', 'trial', 'tri', 'judg']));
    // A listed form is its own lemma's.
    expect(g.toEnglish('суда', 'суд').map((t) => t.term)).toEqual(['court', 'trial']);
    expect(g.toEnglish('стали', 'стал').every((t) => t.weight <= 0.5)).toBe(true);
    expect(g.toEnglish('сталью', 'стал')).toEqual([{ term: 'steel', weight: 1 }]);
    expect(g.toEnglish('умом', 'ум')).toEqual([{ term: 'mind', weight: 1 }]);
    expect(g.toEnglish('умник', 'ум')).toEqual([]);
  });

  it('THEN a guessed participle\'s stem is left out where another lemma has it, so that lemma keeps its words (рубить → рублен, рубль; родить → рожен, рожь)', () => {
    const g = compileGlossary(stemGlossary(parseGlossary(`${head}рубль\trouble\nрубить\tchop\nрожь\trye\nродить\tbear\nосудить\tconvict\n`, 'test.tsv')));
    expect(g.toEnglish('рублей', 'рубл').map((t) => t.term)).toEqual(['roubl']);
    expect(g.toEnglish('рожью', 'рож').map((t) => t.term)).toEqual(['rye']);
    // Its own participle, by stem: осуждён stems to осужд, which no other lemma has.
    expect(g.toEnglish('', 'осужд').map((t) => t.term)).toEqual(['convict']);
  });

  it('THEN a file of another format version, a malformed line or a repeated lemma is refused naming the file, the line and the fix', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-glossary-'));
    const file = path.join(dir, 'ru-en.tsv');
    const stems = path.join(dir, 'ru-en.stems.json');
    await writeFile(file, '# lectern.glossary.ru-en 2\nсын\tson\n');
    expect(() => loadGlossary(file, stems)).toThrow(/ru-en\.tsv: the first line must be "# lectern\.glossary\.ru-en 1".*git checkout -- data\/glossary\/ru-en\.tsv/);
    await writeFile(file, `${head}сын son\n`);
    expect(() => loadGlossary(file, stems)).toThrow(/ru-en\.tsv:2: expected a Russian lemma, one tab.*correct the line or restore it/);
    await writeFile(file, `${head}сын\tSon of\n`);
    expect(() => loadGlossary(file, stems)).toThrow(/ru-en\.tsv:2: expected 1–4 lower-case English words/);
    await writeFile(file, `${head}сын\tson\n# comment\nсын\tboy\n`);
    expect(() => loadGlossary(file, stems)).toThrow(/ru-en\.tsv:4: "сын" is listed already on line 2/);
    expect(() => loadGlossary(path.join(dir, 'missing.tsv'), stems)).toThrow(/missing\.tsv cannot be read \(ENOENT\).*restore/);
  });

  it('THEN start-up, which does not read it, names a missing file and the fix, and says nothing when the file is there', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-glossary-'));
    expect(glossaryUnavailable({ read: false, file: path.join(dir, 'ru-en.tsv') })).toMatch(/ru-en\.tsv is missing: Russian ↔ English search only where the corpus pairs words.*git checkout -- data\/glossary\/ru-en\.tsv/);
    expect(glossaryUnavailable({ read: false })).toBeUndefined();
  });

  it('THEN stale or damaged kept stems are computed again, with the same lookups', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-glossary-'));
    const file = path.join(dir, 'ru-en.tsv');
    const stems = path.join(dir, 'ru-en.stems.json');
    await writeFile(file, await readFile(GLOSSARY_FILE));
    await writeFile(stems, '{"format":"lectern.glossary-stems","version":1,"fingerprint":"old","russian":[],"english":[]}');
    const g = loadGlossary(file, stems);
    expect(g.toEnglish('газете', 'газет').map((t) => t.term)).toContain('newspap');
    await writeFile(stems, 'not json');
    expect(loadGlossary(file, stems).fromEnglish('son').map((t) => t.term)).toContain('сын');
  });
});

describe('GIVEN the bundled corpus', () => {
  it('THEN an English question finds the note that is only in Russian (Загадки смерти Сталина), shown with its passage', async () => {
    const { corpus } = await realCorpus();
    const engine = new SearchEngine(corpus, new MemoryCandidateSource(buildIndex(corpus)));
    const hits = (await engine.search('riddles of Stalin\'s death', { limit: 3 })).hits;
    const shown = hits.flatMap((h) => [h.block.id, ...shownWith(corpus, h.block).markers.map((m) => m.footnoteId)]);
    expect(corpus.block('trotskys-lies.n5')?.plain).toContain('Загадки смерти Сталина');
    expect(shown).toContain('trotskys-lies.n5');
  }, 60_000);
});
