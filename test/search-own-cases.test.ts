/**
 * Our own search cases (test/fixtures/search-own/cases.json and cases-<name>.json beside it), written for issue 12 from the bundled
 * corpus by reading its passages and footnotes — none of them is in ../shared/eval. Each kind is a
 * capability: paraphrase (WordNet synonyms and multi-word phrases), spelling (British and American
 * spellings, analyse/spelling.ts), cross-script (a Russian query,
 * an English passage, or an English query for a passage only in Russian: the core glossary, the
 * learned lexicon and the cross-script key), footnote (a fact only in a
 * note), short (who is X, what does X stand for, X's birth year) and translit (other spellings of
 * a Russian name), and ordinary queries beside them (keyword, question, russian: a Russian query for a
 * Russian passage), which no capability may cost. Scored as `npm run eval` scores them: the reply's passage with its footnotes and the translation it sets beside it (src/search/shown.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import { plainMiniSearch, plainRanker } from '../src/eval/plain-baseline.ts';
import { ratios, scoreCases, tally, type Ranker } from '../src/eval/quote-score.ts';
import { evalNormalize } from '../src/eval/normalize.ts';
import { loadOwnCases } from '../src/eval/own-cases.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { shownHitTexts } from '../src/search/shown.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { CORPUS_DIR, realCorpus } from './helpers/corpus.ts';

const cases = loadOwnCases();

/** R@3 each kind reaches on the landed code: a change that loses a case fails here. */
// cross-script 0.92 → 0.87 with o-x80–o-x89 (Russian when/how-many questions for English passages):
// o-x80, o-x81 fail for want of a translation, not of ranking. o-x83 (3rd: процесс → trial kept, though
// in 12 % of passages; московский → Moscow) and o-x84 (1st: заочно, осуждён) are found since; with
// o-x90–o-x95 (осуждены, question-word forms, city adjectives) cross-script R@3 is 0.89. french: o-fr01 and
// o-fr04 need French words (tué, truqués) that no pair in the corpus teaches. french 0.4 → 0.74 with the French
// glossary (expand/glossary-fr.ts) and o-fr06–o-fr19; 0.79 with French question words and inversions light;
// 0.95 with a gloss covering its word as a translation. cross-script 0.94 with o-x96–o-x110 (day words, a
// gloss Porter2 cuts to another word, first-person verbs, words the glossary lacked). With o-x116–o-x131
// (words the coverage check found no lemma for: неизбежно, пораженческая, расчленить; prefixed verbs the
// glossary lacks: перепечатано, дописал) 0.88 before the added words, 0.94 after.
// question 0.90 → 0.93 with a reason asked for by "why" (cause-cue.ts) and o-k43–o-k56. short 0.91 → 1.00 (66
// cases) with literal pairs, the net from four words of substance, the dash gloss and front matter read under its title in rerank.
// question 0.93 → 0.92 with o-q14-01–o-q14-25 (short why-, how- and what-did-X-ask questions, possessive noun
// phrases): o-q14-04 "why this book" and o-q14-23 "why restore capitalism" are not in the first three.
// short 0.95 → 0.93 with o-top16-01–o-top16-45 (1–3 word topics for 44 lines drawn at random, R@3 0.84, plain
// minisearch 0.77): one word names many passages ("Bakaev", "coup", "Lominadze", "Montclair"), and the first
// ones found say the topic as well as the drawn line ("Beard", "Riutin Platform authors").
// footnote 0.94 → 0.88 with o-note19-01–19 (every footnote body no case had used; R@3 11/19, plain minisearch
// 8/19): a note citing a Russian or French title the query asks about in English ("letter to Marshal
// Voroshilov" for "Marshalu … Voroshilovu", "indictment" for "acte d'accusation"), and notes whose fact is
// worded otherwise ("French newspapers" for "Humanité and, once, Le Temps").
const FLOOR: Record<string, number> = { paraphrase: 0.89, spelling: 1, 'cross-script': 0.94, footnote: 0.88, short: 0.93, translit: 1, keyword: 1, question: 0.92, russian: 1, french: 0.95 };

let corpus: Corpus;
let lectern: Ranker;
let plain: Ranker;
beforeAll(async () => {
  corpus = (await realCorpus()).corpus;
  const engine = new SearchEngine(corpus, new MemoryCandidateSource(buildIndex(corpus)));
  const answers = new Map<string, string[][]>();
  for (const c of cases) answers.set(c.query, (await engine.search(c.query, { limit: 10 })).hits.map((h) => shownHitTexts(corpus, h)));
  lectern = (q) => answers.get(q) ?? [];
  const files = corpus.works.map((w) => w.meta.file).filter((f) => existsSync(path.join(CORPUS_DIR, f)));
  plain = plainRanker(await plainMiniSearch(CORPUS_DIR, files));
}, 120_000);

describe('GIVEN our own cases of each hard kind, written from the corpus', () => {
  it('THEN every snippet is in a passage of the corpus (the case can be answered)', () => {
    // Each passage normalised once (as snippetMatches normalises it), not once per case: 646 cases over every block.
    const texts = corpus.works.flatMap((w) => w.blocks).map((b) => [evalNormalize(b.text), evalNormalize(b.plain)]);
    for (const c of cases) {
      const snippets = (Array.isArray(c.must_contain) ? c.must_contain : [c.must_contain]).map(evalNormalize);
      const holders = texts.filter((t) => snippets.every((s) => t.some((x) => x.includes(s))));
      expect(holders.length, c.id).toBeGreaterThanOrEqual(1);
    }
    // Every case against every block (~650 × 1,300): over 30 s on a machine shared by five builds.
  }, 120_000);

  it('THEN each kind reaches its R@3 floor and is never below plain minisearch (R@1, R@3, MRR)', () => {
    const ours = tally(scoreCases(cases, lectern));
    const base = tally(scoreCases(cases, plain));
    const seen: Record<string, number> = {};
    for (const [kind, t] of ours) {
      if (kind === 'all') continue;
      const r = ratios(t);
      seen[kind] = Number(r.r3.toFixed(2));
      // R@1 too: on held-back paraphrase sets Lectern's R@1 fell below minisearch's while its R@3 did not.
      expect(r.r1, `${kind} R@1 against plain minisearch`).toBeGreaterThanOrEqual(ratios(base.get(kind)!).r1);
      expect(r.r3, `${kind} R@3 against plain minisearch`).toBeGreaterThanOrEqual(ratios(base.get(kind)!).r3);
      expect(r.mrr, `${kind} MRR against plain minisearch`).toBeGreaterThanOrEqual(ratios(base.get(kind)!).mrr);
    }
    for (const [kind, floor] of Object.entries(FLOOR)) expect(seen[kind], kind).toBeGreaterThanOrEqual(floor);
  });
});
