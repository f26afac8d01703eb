/**
 * `npm run eval`: scores search, translation pairing and source resolution on the development sets
 * in ../shared/eval, or the tests' copy of them without it. For search (quote-dev.json and
 * quote-dev-hard.json) it prints R@1, R@3 and MRR by kind for Lectern beside plain minisearch (default
 * options, one passage per non-blank line, as the README describes) and minisearch with fuzzy+prefix,
 * both built in the same run.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createApp } from '../src/app.ts';
import { parseConfig, PROJECT_ROOT } from '../src/config.ts';
import { snippetMatches } from '../src/eval/normalize.ts';
import { loadOwnCases } from '../src/eval/own-cases.ts';
import { plainMiniSearch, plainRanker } from '../src/eval/plain-baseline.ts';
import { RANK_CUTOFF, ratios, scoreCases, tally, type QuoteCase, type Ranker, type Tally } from '../src/eval/quote-score.ts';
import { silentLogger } from '../src/logger.ts';
import { resolveSource } from '../src/sources/resolve.ts';
import { shownHitTexts } from '../src/search/shown.ts';
import type { SearchHit } from '../src/services.ts';

const SHARED_EVAL = path.join(PROJECT_ROOT, '..', 'shared', 'eval');
// The shared set is the authority; the tests' copy keeps `npm run eval` working from a bare clone.
const EVAL_DIR = process.env.LECTERN_EVAL_DIR ?? (existsSync(SHARED_EVAL) ? SHARED_EVAL : path.join(PROJECT_ROOT, 'test', 'fixtures', 'eval'));
const verbose = process.argv.includes('--verbose');
console.log(`Evaluation set: ${path.relative(process.cwd(), EVAL_DIR) || '.'}`);

async function readJson<T>(name: string): Promise<T | undefined> {
  const file = path.resolve(EVAL_DIR, name);
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent' });
const app = await createApp(config, silentLogger());
const { corpus, search } = app.base;

// Search is asynchronous (src/search/candidates.ts); the scorer takes plain functions, so each
// set's queries are answered first and the rankers read the answers.
const answered = new Map<string, SearchHit[]>();
async function answerAll(cases: QuoteCase[]): Promise<void> {
  for (const c of cases) answered.set(c.query, (await search.search(c.query, { limit: RANK_CUTOFF })).hits);
}
const lectern: Ranker = (query) => (answered.get(query) ?? []).map((h) => shownHitTexts(corpus, h));
const lecternAlone: Ranker = (query) => (answered.get(query) ?? []).map(({ block: b }) => [b.text, b.plain]);
const plain = await plainMiniSearch(config.corpusDir, corpus.works.map((w) => w.meta.file).filter((f) => existsSync(path.join(config.corpusDir, f))));
const baselines: [string, Ranker][] = [
  ['passage alone', lecternAlone],
  ['minisearch', plainRanker(plain)],
  ['ms fuzzy+prefix', plainRanker(plain, { fuzzy: 0.2, prefix: true })],
];
const pct = (x: number) => x.toFixed(2);
const row = (t: Tally) => {
  const r = ratios(t);
  return `${pct(r.r1)}  ${pct(r.r3)}  ${pct(r.mrr)}`;
};

// Our own cases (written from the corpus for issue 12, not from the evaluation sets) are scored the
// same way, so a change is judged on cases it was not tuned to.
// They are test/fixtures/search-own/cases.json and every cases-<name>.json beside it, scored as one set.
const sets: [string, QuoteCase[] | undefined][] = [
  ['quote-dev.json', await readJson<QuoteCase[]>('quote-dev.json')],
  ['quote-dev-hard.json', await readJson<QuoteCase[]>('quote-dev-hard.json')],
  ['cases.json', loadOwnCases()],
];
for (const [set, cases] of sets) {
  if (!cases) continue;
  await answerAll(cases);
  const ours = scoreCases(cases, lectern);
  // Plain minisearch's rank beside each case, so a case it ranks higher than Lectern is seen ('ms<').
  const plainRanks = new Map(scoreCases(cases, plainRanker(plain)).map((r) => [r.case.id, r.rank]));
  for (const r of ours) {
    if (!verbose && r.rank === 1) continue;
    const top = (await search.search(r.case.query, { limit: 1 })).hits[0];
    const ms = plainRanks.get(r.case.id) ?? 0;
    const below = ms > 0 && (r.rank === 0 || ms < r.rank) ? '<' : ' ';
    console.log(`${r.case.id} ${r.case.kind.padEnd(14)} rank ${String(r.rank || '-').padEnd(2)} ms${below}${String(ms || '-').padEnd(2)}  ${r.case.query}${r.rank === 1 ? '' : `\n      top: ${top?.block.id} ${top?.block.plain.slice(0, 90)}`}`);
  }
  const columns = [tally(ours), ...baselines.map(([, ranker]) => tally(scoreCases(cases, ranker)))];
  console.log(`\nSearch (${path.basename(set)}), top ${RANK_CUTOFF}: R@1  R@3  MRR`);
  console.log(`  ${'kind'.padEnd(15)} ${'n'.padStart(3)}  ${['Lectern as shown', ...baselines.map(([name]) => name)].map((n) => n.padEnd(16)).join('  ')}`);
  for (const kind of columns[0]!.keys()) {
    console.log(`  ${kind.padEnd(15)} ${String(columns[0]!.get(kind)!.n).padStart(3)}  ${columns.map((c) => row(c.get(kind)!).padEnd(16)).join('  ')}`);
  }
}

const translations = await readJson<{ id: string; russian_snippet: string; english_snippet: string }[]>('translations-dev.json');
if (translations) {
  let ok = 0;
  for (const c of translations) {
    const found = corpus.works.some((w) =>
      w.pairs.some((p) =>
        p.segments.some(([o, t]) => {
          const orig = o.map((id) => corpus.block(id)!.text).join(' ');
          const trans = t.map((id) => corpus.block(id)!.text).join(' ');
          return snippetMatches(orig, c.russian_snippet) && snippetMatches(trans, c.english_snippet);
        }),
      ),
    );
    if (found) ok++;
    else console.log(`${c.id}: the pair is not side by side`);
  }
  console.log(`\nTranslations (translations-dev.json): ${ok}/${translations.length} pairs side by side`);
}

const sources = await readJson<{ id: string; file: string; short_form: string; context_snippet: string; bibliography_snippet: string | null }[]>('sources-dev.json');
if (sources) {
  let ok = 0;
  for (const c of sources) {
    const work = corpus.works.find((w) => w.meta.file === c.file);
    const block = work?.blocks.find((b) => snippetMatches(b.text, c.context_snippet));
    const answer = resolveSource(corpus, c.short_form, block ? { passage: block.id } : {});
    const good = c.bibliography_snippet === null ? !answer.resolved || answer.kind === 'work' ? !answer.entry : false : Boolean(answer.entry && snippetMatches(answer.entry.text, c.bibliography_snippet));
    if (good) ok++;
    else console.log(`${c.id}: ${c.short_form} -> ${answer.entry?.text.slice(0, 70) ?? answer.note}`);
  }
  console.log(`Sources (sources-dev.json): ${ok}/${sources.length} short forms resolved as expected`);
}
