import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';
import {
  analyseTerm,
  ANALYSIS_VERSION,
  analysisOptions,
  containsPhrase,
  crossScriptKey,
  fold,
  fuzzyFor,
  isKey,
  MAX_QUERY_LENGTH,
  parseQuery,
  tokenize,
  toMiniSearchQuery,
} from '../src/search/analyse/index.ts';
import { stemEnglish, stemRussian } from '../src/search/analyse/stem.ts';
import { corpusIndex, search, textOf } from './helpers/analyse-index.ts';

/** The key a query word gets (the query side always asks for one). */
const keyOf = (word: string) => analyseTerm(word, { query: true }).find(isKey);

describe('fold: each character class', () => {
  it('GIVEN compatibility forms THEN NFKC flattens them', () => {
    expect(fold('ﬁnal Ｔｒｏｔｓｋｙ ǅ')).toBe('final trotsky dž');
  });

  it('GIVEN soft hyphens and zero-width characters THEN they vanish inside the word', () => {
    expect(fold('cen\u00adsor\u00adship Tro\u200btsky \ufeffBOM')).toBe('censorship trotsky bom');
  });

  it('GIVEN no-break and other Unicode spaces THEN each is a plain space, and runs collapse', () => {
    expect(fold('a\u00a0b\u2009c\u3000d\u202fe \n\n\t f ')).toBe('a b c d e f');
  });

  it('GIVEN curly, low and angle quotes THEN they become straight quotes', () => {
    expect(fold('‘a’ “b” „c“ «d» ‹e› ‚f‘ Zinovʹev ″g″')).toBe(`'a' "b" "c" "d" 'e' 'f' zinov'ev "g"`);
  });

  it('GIVEN every dash variant THEN each is a hyphen-minus', () => {
    expect(fold('a‐b‑c‒d–e—f―g−h')).toBe('a-b-c-d-e-f-g-h');
  });

  it('GIVEN ё, decomposed or not THEN it folds to е', () => {
    expect(fold('Ёлка ещё е\u0308ж')).toBe('елка еще еж');
  });

  it('GIVEN markdown emphasis and underline tags THEN only the words remain', () => {
    expect(fold('**spicy dishes** *Pravda* _Izvestiia_ <u>Кирова</u> <U>x</U>')).toBe('spicy dishes pravda izvestiia кирова x');
  });

  it('GIVEN superscript footnote markers THEN they are removed, not turned into digits glued to words', () => {
    expect(fold('Estrina¹⁰ uttered')).toBe('estrina uttered');
    expect(fold('disturbing intruder¹. In the case')).toBe('disturbing intruder. in the case');
    expect(fold('²⁸ This is')).toBe('this is');
  });

  it('GIVEN the OCR garble of a marker before a quote THEN it is the quote alone', () => {
    expect(fold('^{12 &}quot;The Workers\' State')).toBe(`"the workers' state`);
    expect(fold('[&]quot;In practice')).toBe('"in practice');
  });

  it('GIVEN capitals and sharp s THEN case is folded', () => {
    expect(fold('STRASSE Straße ẞ ТРОЦКИЙ')).toBe('strasse strasse ss троцкий');
  });

  it('GIVEN hostile strings THEN fold returns a string and never throws', () => {
    const hostile = ['\ud800', 'a\udfffb', '🎉👩‍👩‍👧', 'שלום עולם \u202eevil', 'e\u0301\u0301\u0301', '\u0000\u0007', 'x'.repeat(10_000), '<<u>u>', '^{^{1}1}'];
    for (const s of hostile) {
      const f = fold(s);
      expect(typeof f).toBe('string');
      expect(fold(f)).toBe(f);
    }
    expect(fold('\ud800x')).toBe('\ufffdx');
    expect(fold('<<u>u>text</u>')).toBe('text');
  });
});

describe('tokenize: the hard cases', () => {
  it('GIVEN transliterated soft signs and possessives THEN one word each, the possessive cut', () => {
    expect(tokenize("Zinov'ev, Biulleten' and Trotsky’s lies")).toEqual(['Zinovev', 'Biulleten', 'and', 'Trotsky', 'lies']);
  });

  it('GIVEN a hyphenated compound THEN its parts and the joined form', () => {
    expect(tokenize('devil-knows-what-it-is')).toEqual(['devil', 'knows', 'what', 'it', 'is', 'devilknowswhatitis']);
    expect(tokenize('Zinoviev-Kamenev')).toEqual(['Zinoviev', 'Kamenev', 'ZinovievKamenev']);
  });

  it('GIVEN hyphenation residue THEN the joined word is there too', () => {
    expect(tokenize('Trot-sky')).toEqual(['Trot', 'sky', 'Trotsky']);
    expect(tokenize('re- habilitation')).toEqual(['re', 'habilitation', 'rehabilitation']);
    expect(tokenize('re-\nhabilitation')).toEqual(['re', 'habilitation', 'rehabilitation']);
    expect(tokenize('Moscow- Berlin')).toEqual(['Moscow', 'Berlin']);
  });

  it('GIVEN Latin and Cyrillic glued together THEN they are split', () => {
    expect(tokenize('XIсъезд')).toEqual(['XI', 'съезд']);
    expect(tokenize("Biulleten'Oppozitsii")).toEqual(['Biulleten', 'Oppozitsii']);
  });

  it('GIVEN French elisions and English contractions THEN elisions give both forms, contractions stay whole', () => {
    expect(tokenize("l'acte d'accusation")).toEqual(['acte', 'lacte', 'accusation', 'daccusation']);
    expect(tokenize("L'vovich don't it's")).toEqual(['Lvovich', "don't", "it's"]);
  });

  it('GIVEN numbers, other scripts, emoji and punctuation THEN numbers and letters are words, the rest is not', () => {
    expect(tokenize('1934-1935, p. 45.')).toEqual(['1934', '1935', 'p', '45']);
    expect(tokenize('日本語 ελληνικά 🎉 ... ***')).toEqual(['日本語', 'ελληνικά']);
  });

  it('GIVEN footnote markers and markdown in the text THEN words come out clean', () => {
    expect(tokenize('only **spicy dishes**.² <u>Кирова</u>')).toEqual(['only', 'spicy', 'dishes', 'Кирова']);
  });
});

describe('analyseTerm: Snowball stemming and stop words', () => {
  it('GIVEN English words THEN Porter2 (Snowball English) stems, not the original Porter', () => {
    expect(stemEnglish('generously')).toBe('generous');
    expect(stemEnglish('dying')).toBe('die');
    expect(['generously', 'dying', 'lying', 'skies', 'abilities', 'amalgams'].map((w) => analyseTerm(w))).toEqual([['generous'], ['die'], ['lie'], ['sky'], ['abil'], ['amalgam']]);
  });

  it('GIVEN Russian words THEN Snowball Russian stems, plus the cross-script key', () => {
    expect(stemRussian('амальгамах')).toBe('амальгам');
    expect(stemRussian('бюрократии')).toBe('бюрократ');
    expect(analyseTerm('амальгамах')).toEqual(['амальгам', '~amalgam']);
    expect(analyseTerm('Ёлки')[0]).toBe(stemRussian('елки'));
  });

  it('GIVEN stop words THEN no term, unless asked to keep them', () => {
    for (const w of ['the', 'The', 'and', "don't", 'и', 'что', 'он']) expect(analyseTerm(w)).toEqual([]);
    expect(analyseTerm('The', { keepStopWords: true })).toEqual(['the']);
    expect(analyseTerm("don't", { keepStopWords: true })).toEqual(["don't"]);
    // Meaningful here, although the package lists them.
    expect(analyseTerm('May')).toContain('may');
    expect(analyseTerm('говорил')).toContain(stemRussian('говорил'));
  });

  it('GIVEN a lower-case English word THEN only its stem; a capitalised one THEN the stem and a key', () => {
    expect(analyseTerm('generously')).toEqual(['generous']);
    expect(analyseTerm('Generously')).toEqual(['generous', '~generousl']);
    expect(analyseTerm('ochnykh')).toEqual(['ochnykh', '~ochn']);
  });

  it('GIVEN any term THEN a key starts with ~ and a stem never does', () => {
    for (const w of ['Trotsky', 'Троцкий', '~trotsk', '~~~', 'x~y']) {
      const terms = analyseTerm(w, { query: true });
      expect(terms.filter(isKey).length).toBeLessThanOrEqual(1);
      expect(terms.filter((t) => !isKey(t)).every((t) => !t.includes('~'))).toBe(true);
    }
  });

  it('GIVEN diacritics on Latin words THEN they are dropped, as people type them', () => {
    expect(analyseTerm('Broué')[0]).toBe(analyseTerm('Broue')[0]);
    expect(analyseTerm('œuvre')).toEqual(analyseTerm('oeuvre'));
  });

  it('GIVEN junk THEN no throw: whole sentences are tokenized, single letters and symbols give nothing', () => {
    expect(analyseTerm('')).toEqual([]);
    expect(analyseTerm('B')).toEqual([]);
    expect(analyseTerm('🎉')).toEqual([]);
    expect(analyseTerm('Trotsky lied')).toEqual(['trotski', '~trotsk', 'lie']);
    expect(analyseTerm('x'.repeat(10_000))).toHaveLength(1);
  });
});

describe('crossScriptKey: spellings of one name meet', () => {
  const groups: string[][] = [
    ['Зиновьев', 'Zinoviev', "Zinov'ev", 'Zinovʹev', 'Zinovev'],
    ['Ягода', 'Iagoda', 'Yagoda'],
    ['Ежов', 'Ezhov', 'Yezhov'],
    ['Бюллетень', "Biulleten'", 'Byulleten'],
    ['оппозиции', 'Oppozitsii'],
    ['Мягкова', 'Myagkova', 'Miagkova'],
    ['Будённый', 'Budyonny', 'Budennyi', 'Budienniy'],
    ['Хлевнюк', 'Khlevnyuk', 'Khlevniuk'],
    ['Пятаков', 'Piatakov', 'Pyatakov'],
    ['Сокольников', "Sokol'nikov", 'Sokolnikov'],
    ['Троцкий', 'Trotsky', 'Trotskii', 'Trotskiy'],
    ['Каменев', 'Kamenev'],
    ['Бухарин', 'Bukharin'],
    ['Вышинский', 'Vyshinsky', 'Vyshinskii'],
    ['Енукидзе', 'Enukidze', 'Yenukidze'],
    ['Горький', 'Gorky', 'Gorkiy', 'Gorkey'],
  ];
  for (const group of groups) {
    it(`GIVEN ${group.join(', ')} THEN one key`, () => {
      const keys = group.map(keyOf);
      expect(keys[0]).toMatch(/^~[a-z]{3,}$/);
      expect(new Set(keys).size).toBe(1);
    });
  }

  it('GIVEN declined Russian forms THEN they meet the English nominative', () => {
    for (const [ru, en] of [
      ['Троцкого', 'Trotsky'],
      ['Троцким', 'Trotsky'],
      ['Каменевым', 'Kamenev'],
      ['Зиновьева', 'Zinoviev'],
      ['Ягоды', 'Yagoda'],
      ['Бюллетеня', 'Biulleten'],
      ['Бухарина', 'Bukharin'],
    ]) {
      expect(keyOf(ru as string), `${ru} ~ ${en}`).toBe(keyOf(en as string));
    }
  });

  it('GIVEN different names THEN different keys', () => {
    const names = ['Trotsky', 'Zinoviev', 'Kamenev', 'Bukharin', 'Yagoda', 'Yezhov', 'Piatakov', 'Radek', 'Stalin', 'Kirov'];
    expect(new Set(names.map(keyOf)).size).toBe(names.length);
  });

  it('GIVEN words with no key THEN null', () => {
    expect(crossScriptKey('ли')).toBeNull();
    expect(crossScriptKey('ελληνικά')).toBeNull();
    expect(crossScriptKey('1937')).toBeNull();
  });
});

describe('fuzzyFor', () => {
  it('GIVEN short terms and numbers THEN no fuzziness; 5–6 letters one edit; 7 and more two', () => {
    expect(['the', 'part', 'stat', '1937', '19371937'].map((t) => fuzzyFor(t))).toEqual([false, false, false, false, false]);
    expect(['kirov', 'snyder', '~kirov'].map((t) => fuzzyFor(t))).toEqual([1, 1, 1]);
    expect(['trotski', 'heijenoort', '~zinovev'].map((t) => fuzzyFor(t))).toEqual([2, 2, 2]);
  });
});

describe('parseQuery', () => {
  it('GIVEN nothing to search for THEN empty, and no terms', () => {
    for (const q of ['', '   \n\t', '?!… -- ***', '🎉🎉 👩‍👩‍👧', '""', '«»']) {
      const p = parseQuery(q);
      expect(p.empty, JSON.stringify(q)).toBe(true);
      expect(p.terms).toEqual([]);
      expect(p.phrases).toEqual([]);
    }
  });

  it('GIVEN 10,000 characters THEN cut at a word boundary under the limit, and said so', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`);
    const p = parseQuery(words.join(' ').slice(0, 10_000));
    expect(p.tooLong).toBe(true);
    expect(p.empty).toBe(false);
    expect(p.text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(words).toContain(p.text.split(' ').at(-1));
    expect(parseQuery('Trotsky lied').tooLong).toBe(false);
  });

  it('GIVEN one endless word THEN it is cut at the limit all the same', () => {
    const p = parseQuery('a'.repeat(10_000));
    expect(p.tooLong).toBe(true);
    expect(p.terms).toHaveLength(1);
  });

  it('GIVEN mixed scripts THEN both words, and their keys agree', () => {
    const p = parseQuery('Троцкий Trotsky');
    expect(p.words).toHaveLength(2);
    expect(p.words[0]?.terms.find(isKey)).toBe(p.words[1]?.terms.find(isKey));
    expect(p.terms).toContain('троцк');
    expect(p.terms).toContain('trotski');
  });

  it('GIVEN phrases in every quote style THEN each is a folded phrase, and its words are searched too', () => {
    for (const q of ['"spicy dishes"', '“spicy dishes”', '„spicy dishes“', '«spicy dishes»', '“Spicy  Dishes”']) {
      expect(parseQuery(q).phrases, q).toEqual(['spicy dishes']);
    }
    const p = parseQuery('Lenin "this cook" «острые блюда»');
    expect(p.phrases).toEqual(['this cook', 'острые блюда']);
    expect(p.words.map((w) => w.text)).toEqual(['lenin', 'cook', 'острые', 'блюда']);
  });

  it('GIVEN an unbalanced quote THEN plain text, not an error', () => {
    const p = parseQuery('Lenin "spicy dishes');
    expect(p.phrases).toEqual([]);
    expect(p.words.map((w) => w.text)).toEqual(['lenin', 'spicy', 'dishes']);
    expect(parseQuery('"a" "spicy dishes').phrases).toEqual(['a']);
  });

  it('GIVEN regular-expression metacharacters THEN they are plain punctuation, and searching works', () => {
    const q = '(Trotsky) [Kirov]* .+ ^$ \\d{3} | ?= (?<x>';
    const p = parseQuery(q);
    expect(p.empty).toBe(false);
    expect(p.terms).toContain('trotski');
    expect(p.terms).toContain('kirov');
    expect(search(q).length).toBeGreaterThan(0);
  });

  it('GIVEN only stop words THEN they are kept and flagged, since the index does not hold them', () => {
    const p = parseQuery('to be or not to be');
    expect(p.empty).toBe(false);
    expect(p.stopWordsOnly).toBe(true);
    expect(p.terms).toEqual(['to', 'be', 'or', 'not']);
    expect(parseQuery('to be Stalin').stopWordsOnly).toBe(false);
    expect(parseQuery('to be Stalin').terms).toEqual(['stalin', '~stalin']);
  });

  it('GIVEN a word still being typed THEN the last term is a prefix; a finished one THEN not', () => {
    expect(parseQuery('Zino').lastTermPrefix).toBe(true);
    expect(parseQuery('Kirov Zinov').lastTermPrefix).toBe(true);
    expect(parseQuery('Zinoviev ').lastTermPrefix).toBe(false);
    // A closing full stop or question mark is punctuation, not a finished word (search-closing-punctuation.test.ts).
    expect(parseQuery('Zinoviev.').lastTermPrefix).toBe(true);
    expect(parseQuery('"Zinoviev"').lastTermPrefix).toBe(false);
    expect(parseQuery('Trotsky the').lastTermPrefix).toBe(false);
    expect(parseQuery('Trotsky zi').lastTermPrefix).toBe(false);
  });

  it('GIVEN a hyphenated query THEN its parts may match apart, or joined', () => {
    const [word] = parseQuery('Trot-sky').words;
    expect(word?.terms).toContain('trotski');
    expect(word?.parts.map((p) => p.text)).toEqual(['trot', 'sky']);
  });
});

describe('containsPhrase', () => {
  it('GIVEN a line break or a no-break space between the words THEN found', () => {
    expect(containsPhrase('we do not make stuff\nup here', 'make stuff up')).toBe(true);
    expect(containsPhrase('There is no system of\u00a0censorship.', 'no system of censorship')).toBe(true);
  });

  it('GIVEN other quote styles, dashes, markdown and soft hyphens THEN found', () => {
    expect(containsPhrase('Trotsky’s lies', fold("Trotsky's lies"))).toBe(true);
    expect(containsPhrase('prepare only **spicy dishes**.', 'only spicy dishes')).toBe(true);
    expect(containsPhrase('no system of cen\u00adsor\u00adship', 'system of censorship')).toBe(true);
    expect(containsPhrase('"This cook" -- Lenin literally said – "will prepare"', 'this cook - lenin literally said')).toBe(true);
    expect(containsPhrase('^{4 &}quot;The Workers\' State', '"the workers\' state')).toBe(true);
  });

  it('GIVEN hyphenation residue or a soft sign THEN the whole word is found', () => {
    expect(containsPhrase('the re- habilitation of', 'rehabilitation of')).toBe(true);
    expect(containsPhrase('Leon Trot-sky wrote', 'Leon Trotsky wrote')).toBe(true);
    expect(containsPhrase("Zinov'ev and Kamenev", 'zinovev and kamenev')).toBe(true);
  });

  it('GIVEN text that only looks alike THEN not found', () => {
    expect(containsPhrase('the therapist said', 'the rapist')).toBe(false);
    expect(containsPhrase('the heart', 'art')).toBe(false);
    expect(containsPhrase('spicy dishes', 'dishes spicy')).toBe(false);
    expect(containsPhrase('make stuffed up', 'make stuff up')).toBe(false);
  });

  it('GIVEN an empty phrase THEN it excludes nothing', () => {
    expect(containsPhrase('anything', '')).toBe(true);
    expect(containsPhrase('anything', '!!!')).toBe(true);
  });
});

describe('search over the bundled texts', () => {
  const finds = (query: string, pattern: RegExp, top = 10) => search(query).slice(0, top).some((id) => pattern.test(textOf(id)));

  it('GIVEN one spelling of a name THEN passages with another spelling or script are found', () => {
    expect(finds('Yagoda', /Iagoda/)).toBe(true);
    expect(finds('Ежов', /\bEzhov|Yezhov/)).toBe(true);
    expect(finds('Зиновьев', /Zinoviev/)).toBe(true);
    expect(finds('Zinovev', /Зиновьев/, 50)).toBe(true);
    expect(finds('Yenukidze', /Енукидзе/, 50)).toBe(true);
    expect(finds('Khlevnyuk', /Khlevniuk/)).toBe(true);
    expect(finds('Myagkova', /Miagkova/)).toBe(true);
    expect(finds('Пятаков', /Piatakov/)).toBe(true);
    expect(finds('Бюллетень оппозиции', /Biulleten' Oppozitsii/)).toBe(true);
    expect(finds('очных ставок', /ochnykh stavok/)).toBe(true);
  });

  it('GIVEN misspelt names THEN the right spelling is found', () => {
    expect(finds('Trotksy', /Trotsky/)).toBe(true);
    expect(finds('Snider', /Snyder/)).toBe(true);
    expect(finds('Gorkey', /Gorky/)).toBe(true);
    expect(finds('Bazanov', /Bazhanov/)).toBe(true);
    expect(finds('Heijenort', /Heijenoort/)).toBe(true);
  });

  it('GIVEN a phrase query THEN only passages containing the phrase remain', () => {
    const hits = search('"spicy dishes"');
    expect(hits.length).toBeGreaterThan(0);
    for (const id of hits) expect(containsPhrase(textOf(id), 'spicy dishes')).toBe(true);
  });

  it('GIVEN a word AND another THEN both are required by default, and OR is available', () => {
    const { index } = corpusIndex();
    const p = parseQuery('Bazhanov Heijenoort');
    const and = index.search(toMiniSearchQuery(p));
    const or = index.search(toMiniSearchQuery(p, { combineWith: 'OR' }));
    expect(or.length).toBeGreaterThan(and.length);
  });
});

describe('analysis fingerprint', () => {
  const installed = (pkg: string) => (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

  it('GIVEN the options THEN they survive JSON and name the installed package versions', () => {
    const o = analysisOptions();
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    expect(o.version).toBe(ANALYSIS_VERSION);
    expect(o.stemmers.version).toBe(installed('snowball-stemmers'));
    expect(o.stopWords.version).toBe(installed('@orama/stopwords'));
    expect(o.stopWords.en.size).toBeGreaterThan(100);
    expect(o.stopWords.ru.size).toBeGreaterThan(100);
    expect(o.key.marker).toBe('~');
  });

  it('GIVEN two calls THEN equal descriptions, and a caller cannot change the next one', () => {
    const a = analysisOptions();
    a.version = -1;
    expect(analysisOptions()).not.toEqual(a);
  });
});
