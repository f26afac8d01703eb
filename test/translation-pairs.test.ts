/**
 * Translation pairs on the real corpus: verified before they are called the source's translation,
 * aligned sentence by sentence, and audited against a checked-in golden file
 * (test/golden/pairs.json; rewrite it with UPDATE_GOLDEN=1 after reviewing the change).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { confidence } from '../src/corpus/ingest/pair-evidence.ts';
import { auditPairs } from '../src/corpus/pairs-audit.ts';
import { CONFIDENT, sentenceMatch } from '../src/corpus/pair-lookup.ts';
import type { Reply } from '../src/reply/model.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { realCorpus, work } from './helpers/corpus.ts';
import { createRealDispatch, testScope, type RealDispatch } from './helpers/real-dispatch.ts';

const BOOK = 'trotskys-lies';
const GOLDEN = path.join(PROJECT_ROOT, 'test', 'golden', 'pairs.json');

let real: RealDispatch;
beforeAll(async () => {
  real = await createRealDispatch();
});
const run = (query: string) => real.dispatch({ command: 'translate', args: { query }, scope: testScope() });
const columns = (r: Reply) => r.sections.flatMap((s) => (s.kind === 'columns' ? [s.columns] : []));
const texts = (r: Reply) => r.sections.flatMap((s) => (s.kind === 'text' ? [s.text] : []));

describe('GIVEN the pairs of Trotsky\'s Lies', () => {
  it('THEN the audit matches the golden file (first words of each side and the confidence of every pair)', async () => {
    const { build } = await realCorpus();
    const golden = auditPairs(build).map((p) => ({ id: p.id, confidence: p.confidence, original: p.original, translation: p.translation, segments: p.segments.length }));
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, `${JSON.stringify(golden, null, 1)}\n`);
    expect(golden).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('THEN every pair and every segment carries a confidence, and the pairs the book gives are verified', async () => {
    const w = await work(BOOK);
    expect(w.pairs.length).toBeGreaterThanOrEqual(60);
    for (const p of w.pairs) {
      expect(p.confidence).toBeGreaterThanOrEqual(0);
      expect(p.segmentConfidence).toHaveLength(p.segments.length);
      expect(p.sentences!.length).toBeGreaterThanOrEqual(p.segments.length);
    }
    expect(w.pairs.filter((p) => p.confidence! >= CONFIDENT).length / w.pairs.length).toBeGreaterThanOrEqual(0.95);
  });

  it('THEN an original set against the translation of the next pair is judged uncertain in at least 9 cases of 10', async () => {
    const w = await work(BOOK);
    const text = (ids: string[]) => ids.map((id) => w.blocks.find((b) => b.id === id)!.text).join(' ');
    const wrong = w.pairs.slice(0, -1).map((p, k) => confidence(text(p.original), text(w.pairs[k + 1]!.translation), p.originalLang));
    expect(wrong.filter((c) => c < CONFIDENT).length / wrong.length).toBeGreaterThanOrEqual(0.9);
  });

  it('THEN the French Izvestia quotation is paired with the book\'s translation after "Translated:", which stays a passage (p547/p548)', async () => {
    const w = await work(BOOK);
    const fr = w.blocks.find((b) => b.text.startsWith('Le sens entier de leur activité'))!;
    const en = w.blocks.find((b) => b.text.startsWith('The whole sense of their activity and hopes'))!;
    expect(en.kind).toBe('paragraph');
    expect(en.pair).toBe(fr.pair);
    expect(en.role).toBe('translation');
    const pair = w.pairs.find((p) => p.id === fr.pair)!;
    expect(pair.original.map((id) => w.blocks.find((b) => b.id === id)!.text.slice(0, 20))).toEqual(['Le sens entier de le']);
    expect(pair.translation).toEqual([en.id]);
    const lead = w.blocks.find((b) => b.text.startsWith('An article in *Humanité* the following day'))!;
    expect(lead.pair).toBeUndefined();
  });

  it('THEN the Appendix letter\'s English continues to its last paragraph and Monte Carlo is opposite Monte Carlo', async () => {
    const { corpus } = await realCorpus();
    const m = sentenceMatch(corpus, 'He dreamed of going to Monte Carlo with money.')!;
    expect(m.pair.label).toBe('English Translation');
    const other = m.match!.counterpart.map((r) => corpus.block(r.block)!.text.slice(r.start, r.end)).join(' ');
    expect(other).toContain('У него мечта поехать с деньгами в Монте-Карло');
    const last = corpus.works[0]!.blocks.find((b) => b.text.startsWith('After that time Sonny began to drag Mak'))!;
    expect(last.pair).toBe(m.pair.id);
    // The first letter's English goes on past the point where its length matches the Russian.
    const base = corpus.works[0]!.blocks.find((b) => b.text.startsWith('3) In the sense of a base abroad'))!;
    const russian = corpus.works[0]!.blocks.find((b) => b.text.startsWith('3) В смысле заграничной базы'))!;
    expect(base.pair).toBe(russian.pair);
  });
});

describe('GIVEN /translate with one sentence of a pair', () => {
  it('THEN a Russian sentence from the middle of a long passage finds its pair first, the sentence and its counterpart marked', async () => {
    const r = await run('А ведь на X съезде Ленин запретил фракции.');
    expect(r.error).toBeUndefined();
    const [first] = columns(r);
    expect(first!.original.text).toContain('**А ведь на X съезде Ленин запретил фракции.**');
    expect(first!.translation.text).toContain('**But at the X Congress, Lenin had banned factions.**');
    expect(first!.note).toMatch(/the one the source itself gives/);
  });

  it('THEN an English sentence of the Appendix letter finds the letter, with the Russian sentence opposite marked', async () => {
    const r = await run('He dreamed of going to Monte Carlo with money.');
    const [first] = columns(r);
    expect(first!.translation.text).toContain('**He dreamed of going to Monte Carlo with money.**');
    expect(first!.original.text).toContain('**У него мечта поехать с деньгами в Монте-Карло');
  });

  it('THEN a French original finds its English, and the RU→FR→EN chain keeps the Russian original first', async () => {
    const fr = await run('Le sens entier de leur activité et de leurs aspirations était la restauration du régime capitaliste.');
    expect(columns(fr)[0]!.translation.text).toContain('**The whole sense of their activity and hopes was the restoration of the capitalist regime.**');
    const chain = await run('Zinoviev and Kamenev had been accused of supporting the return to capitalism');
    expect(chain.error).toBeUndefined();
    expect(columns(chain)[0]!.original.lang).toBe('ru');
    expect(texts(chain).join(' ')).toMatch(/intermediate French version/);
  });

  it('THEN a French sentence of a RU→FR→EN chain finds that pair first, marked in the French, with its English and the Russian opposite marked', async () => {
    const r = await run('Aucun fait concret, aucune preuve ne furent apportés par accusation.');
    expect(r.error).toBeUndefined();
    const [first] = columns(r);
    expect(first!.original.lang).toBe('ru');
    expect(first!.translation.text).toContain('**Not a single concrete fact, no proof, was introduced by the prosecution.');
    expect(first!.original.text).toContain('**Ни одного конкретного факта или доказательства обвинение не привело.');
    expect(texts(r).join(' ')).toContain('**Aucun fait concret, aucune preuve ne furent apportés par accusation.**');
    const { corpus } = await realCorpus();
    const found = sentenceMatch(corpus, 'Le 16 janvier 1935, les journaux soviétiques publiaient l\'acte d\'accusation');
    expect(found?.match?.side).toBe('intermediate');
    expect(found!.pair.via.length).toBeGreaterThan(0);
    const english = found!.match!.counterpart.map((ref) => corpus.block(ref.block)!.text.slice(ref.start, ref.end)).join(' ');
    expect(english).toMatch(/^On January 16, 1935, the Soviet newspapers published the formal indictment/);
  });
});

describe('GIVEN /translate with words in no pair', () => {
  it('THEN "Ежов" and "hello world" get a plain "none of the translations contains" instead of unrelated pairs', async () => {
    for (const query of ['Ежов', 'hello world']) {
      const r = await run(query);
      expect(r.error?.identifier).toBe('translate.none');
      expect(r.error?.message).toMatch(/None of the translations the sources give contains/);
    }
  });
});

describe('GIVEN a sentence whose counterpart the alignment cannot confirm', () => {
  it('THEN /translate marks the nearest candidate and says in words that it is uncertain', async () => {
    const { corpus } = await realCorpus();
    const weak = corpus.works[0]!.pairs
      .flatMap((p) => (p.sentences ?? []).map((s) => ({ p, s })))
      .find(({ s }) => s.confidence > 0 && s.confidence < CONFIDENT && s.original.length === 1 && s.original[0]![2] - s.original[0]![1] > 30)!;
    const [id, start, end] = weak.s.original[0]!;
    const r = await run(corpus.block(id)!.text.slice(start, end));
    expect(r.error).toBeUndefined();
    expect(texts(r).join(' ')).toMatch(/^Uncertain: the marked sentence opposite yours is the nearest candidate/);
  });
});
