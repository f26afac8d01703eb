/**
 * Cross-script queries whose meaning sits in a Russian fixed expression (expand/phrases-ru.ts,
 * data/glossary/ru-en-phrases.tsv) or in a form two lemmas share (glossary-forms.ts PLURAL_ONLY):
 * read word by word, обвинительное заключение was an "accusatory conclusion", на самом деле "self
 * case", and выборов only выбор's choice, never выборы' election. On the glossaries as shipped and
 * the bundled corpus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import { snippetMatches } from '../src/eval/normalize.ts';
import { analyseTerm } from '../src/search/analyse/index.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { glossaryTerms } from '../src/search/expand/glossary.ts';
import { parsePhrases, PhraseGlossaryError, russianPhrasesIn } from '../src/search/expand/phrases-ru.ts';
import { shownTexts } from '../src/search/shown.ts';
import { realEngine } from './helpers/corpus.ts';

let corpus: Corpus;
let engine: SearchEngine;
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
}, 120_000);

const rankOf = async (query: string, snippet: string) => {
  const hits = (await engine.search(query, { limit: 10 })).hits;
  return hits.findIndex((h) => shownTexts(corpus, h.block).some((t) => snippetMatches(t, snippet))) + 1;
};
const wordOf = (query: string, text: string) => engine.expand(engine.parse(query)).words.find((w) => w.text === text)!;
const english = (query: string, text: string) => (wordOf(query, text).expansions ?? []).map((e) => e.term).filter((t) => /^[a-z]/.test(t));
const phrasesOf = (query: string) => russianPhrasesIn(query.split(' ')).map((p) => p.text);

describe('GIVEN a Russian query with a fixed expression', () => {
  const charged = 'Зиновьеву и Каменеву на самом деле не предъявляли обвинений ни в интервенции, ни в реставрации капитализма';

  it('THEN the expression is found in any inflected form of its words, and a linking phrase only as written', () => {
    expect(phrasesOf('в обвинительном заключении ничего не говорится')).toEqual(['обвинительное заключение']);
    expect(phrasesOf('им не предъявляли обвинений')).toEqual(['предъявлять обвинение']);
    // A set verb phrase with a word between its verb and the rest.
    expect(phrasesOf('им предъявили ложное обвинение')).toEqual(['предъявить обвинение']);
    expect(phrasesOf('он дал ложные показания')).toEqual(['дать показание']);
    expect(phrasesOf('тем не менее он был в том числе')).toEqual(['тем не менее', 'в том числе']);
    // в связях с (in ties with) is not в связи с (in connection with): a linking phrase is frozen.
    expect(phrasesOf('в связях с зиновьевцами')).toEqual([]);
  });

  it('THEN its words stand for its English, not for their own one by one', () => {
    expect(english(charged, 'деле')).toEqual(expect.arrayContaining(['actual', 'realiti']));
    expect(english(charged, 'деле')).not.toContain('case');
    expect(english(charged, 'самом')).not.toContain('self');
    expect(wordOf(charged, 'деле').light).toBe(true);
    expect(english(charged, 'обвинений')).toEqual(expect.arrayContaining(['charg', 'indict']));
    const indictment = 'в обвинительном заключении вообще ничего не говорится о консуле';
    expect(english(indictment, 'заключении')).toContain('indict');
    expect(english(indictment, 'заключении')).not.toContain('imprison');
  });

  it('THEN the English passage saying it in its own words comes first', async () => {
    expect(await rankOf(charged, 'In reality, they were not charged with either')).toBe(1);
    expect(await rankOf('в обвинительном заключении вообще ничего не говорится о том, что консул знал о покушении на Кирова', 'the consul being aware of an attempt to kill Kirov')).toBe(1);
  });

  it('THEN a malformed line of the expressions file is refused with its line and the fix', () => {
    const head = '# lectern.glossary.ru-en-phrases 1\n';
    expect(() => parsePhrases(`${head}на самом деле\tactually\theavy\n`, 'x.tsv')).toThrow(PhraseGlossaryError);
    expect(() => parsePhrases(`${head}деле\tcase\n`, 'x.tsv')).toThrow(/x\.tsv:2: "деле" is not two or more/);
  });
});

describe('GIVEN a form that is a case of a plural-only noun and of a noun of its stem', () => {
  const lookup = (word: string) => glossaryTerms(word, analyseTerm(word, { query: true }));

  it('THEN both readings are kept, each at half its weight', () => {
    const terms = new Map(lookup('выборов').map((t) => [t.term, t.weight]));
    expect(terms.get('elect')).toBe(0.5);
    expect(terms.get('choic')).toBe(0.5);
    expect(lookup('выборах').map((t) => t.term)).toContain('elect');
    // The plural-only noun alone where no other lemma has the form.
    expect(lookup('переговорах').map((t) => t.term)).toContain('negoti');
    // The lemmas themselves keep their own reading.
    expect(lookup('выборы').map((t) => t.term)).toEqual(['elect']);
    expect(lookup('выбор').map((t) => t.term)).not.toContain('elect');
  });
});
