/**
 * `npm run eval`: scores search, translation pairing and source resolution on the development sets
 * in ../shared/eval, or the tests' copy of them without it. Prints R@1, R@3 and MRR by kind for search.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createApp } from '../src/app.ts';
import { parseConfig, PROJECT_ROOT } from '../src/config.ts';
import { snippetMatches } from '../src/eval/normalize.ts';
import { silentLogger } from '../src/logger.ts';
import { resolveSource } from '../src/sources/resolve.ts';

const SHARED_EVAL = path.join(PROJECT_ROOT, '..', 'shared', 'eval');
// The shared set is the authority; the tests' copy keeps `npm run eval` working from a bare clone.
const EVAL_DIR = process.env.LECTERN_EVAL_DIR ?? (existsSync(SHARED_EVAL) ? SHARED_EVAL : path.join(PROJECT_ROOT, 'test', 'fixtures', 'eval'));
const verbose = process.argv.includes('--verbose');
console.log(`Evaluation set: ${path.relative(process.cwd(), EVAL_DIR) || '.'}`);

interface QuoteCase {
  id: string;
  query: string;
  file: string;
  must_contain: string | string[];
  kind: string;
}

async function readJson<T>(name: string): Promise<T | undefined> {
  const file = path.join(EVAL_DIR, name);
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

const app = await createApp(parseConfig({ ...process.env, LOG_LEVEL: 'silent' }), silentLogger());
const { corpus, search } = app.base;

const quote = await readJson<QuoteCase[] | { cases: QuoteCase[] }>('quote-dev.json');
if (quote) {
  const cases = Array.isArray(quote) ? quote : quote.cases;
  const byKind = new Map<string, { n: number; r1: number; r3: number; mrr: number }>();
  const total = { n: 0, r1: 0, r3: 0, mrr: 0 };
  for (const c of cases) {
    const snippets = Array.isArray(c.must_contain) ? c.must_contain : [c.must_contain];
    const hits = search.search(c.query, { limit: 10 }).hits;
    const rank = hits.findIndex((h) => snippets.some((s) => snippetMatches(h.block.text, s) || snippetMatches(h.block.plain, s))) + 1;
    const k = byKind.get(c.kind) ?? { n: 0, r1: 0, r3: 0, mrr: 0 };
    for (const t of [k, total]) {
      t.n++;
      if (rank === 1) t.r1++;
      if (rank >= 1 && rank <= 3) t.r3++;
      if (rank >= 1) t.mrr += 1 / rank;
    }
    byKind.set(c.kind, k);
    if (verbose || rank !== 1) {
      console.log(`${c.id} ${c.kind.padEnd(14)} rank ${rank || '-'}  ${c.query}${rank === 1 ? '' : `\n      top: ${hits[0]?.block.id} ${hits[0]?.block.plain.slice(0, 90)}`}`);
    }
  }
  const fmt = (t: { n: number; r1: number; r3: number; mrr: number }) =>
    `R@1 ${(t.r1 / t.n).toFixed(2)}  R@3 ${(t.r3 / t.n).toFixed(2)}  MRR ${(t.mrr / t.n).toFixed(2)}  (n=${t.n})`;
  console.log('\nSearch (quote-dev.json)');
  for (const [kind, t] of [...byKind.entries()].sort()) console.log(`  ${kind.padEnd(15)} ${fmt(t)}`);
  console.log(`  ${'all'.padEnd(15)} ${fmt(total)}`);
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
