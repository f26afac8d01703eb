/**
 * `npm run bench` at scale (issue 14): many groups on one process, one big library, an add into a
 * large library. Numbers beside their targets, ratios against a baseline measured in the same run.
 *
 *   npm run bench -- --groups 10000   # 10,000 groups of ~20 KB (the default run uses 1,000)
 *   npm run bench -- --big 150        # one group library of ~150 MB of text (not in the default run)
 *   npm run bench -- --add 50         # an add of a 1 MB text into a 50 MB library (not in the default run)
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { Corpus } from '../src/corpus/corpus.ts';
import type { WorkBuild } from '../src/corpus/work.ts';
import { silentLogger } from '../src/logger.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { LayeredCandidateSource } from '../src/search/layered-source.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { indexLines, parseIndex, serializeIndex } from '../src/search/saved-index.ts';
import { realCorpus } from '../test/helpers/corpus.ts';
import { utf8Text } from '../test/helpers/library-samples.ts';
import { copyCollection } from '../test/helpers/many-groups.ts';
import { cpuClock, cpuPair, machineLoad, percentile as pct, threadShare, timeQueries, wallPair } from './timing.ts';

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rss = () => process.memoryUsage().rss;

const GROUP_QUERIES = ['ferryman', 'river snow', 'Trotsky', 'Kirov murder', 'the cooperative grain', '"crossed the river"', 'the the', 'Stalin', 'Zinoviev Kamenev', 'ferrymen'];
const BIG_QUERIES = {
  '1–3 words': ['Trotsky', 'Stalin', 'Kirov', 'Moscow Trials', 'Kirov murder', 'Soviet Union', 'Trotsky and Stalin', 'restoration of capitalism', 'bloc of Rights', 'Zinoviev Kamenev'],
  phrases: ['"the Moscow Trials"', '"restoration of capitalism"', '"peppery dishes"', '"Soviet Union"', '"expose the scheme in advance"'],
  'stop words only': ['the the', 'any and', 'to be', 'of the', 'and then'],
  // Questions take other paths: a person's years read more candidates (engine.ts), a long one expands many words.
  questions: ["Trotsky's birth year", 'when was Stalin born', 'who killed Kirov', 'Have Trotsky and his son ever been officially exonerated?', 'Ленин доверял Сталину в последние годы'],
};

async function timed(run: (q: string) => Promise<unknown>, queries: string[], rounds: number): Promise<number[]> {
  for (const q of queries) await run(q);
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      await run(q);
      out.push(performance.now() - t);
    }
  }
  return out;
}

async function startApp(dir: string) {
  const { build } = await realCorpus();
  const t = performance.now();
  const app = await createApp(parseConfig({ LECTERN_DATA_DIR: dir, LOG_LEVEL: 'silent' }), silentLogger(), { build: { ...build, inputs: 'bench' } });
  return { app, startMs: performance.now() - t };
}

/** N groups of ~20 KB each: start time and RSS against an empty library root, queries in one group, then every group opened once. */
export async function benchGroups(n: number): Promise<void> {
  console.log(`\n## ${n.toLocaleString('en')} groups of ~20 KB`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-bench-groups-'));
  try {
    const empty = await startApp(dir);
    const text = `The Ferry Ledger\n\n${'The ferryman crossed the river twice before the snow, and the cooperative paid him in grain. '.repeat(220)}\n`;
    await empty.app.library.add('group-0', utf8Text(text, 'ferry.txt'), { authors: ['Vera Ivanova'], year: '1931' }, 'bench');
    await empty.app.close();
    let t = performance.now();
    await copyCollection(path.join(dir, 'state', 'library'), 'group-0', Array.from({ length: n - 1 }, (_, i) => `group-${i + 1}`));
    console.log(`(copying the group to ${n - 1} others took ${ms(performance.now() - t)})`);
    // The baseline: a start with no group on disk, after the first start paid for warming up.
    const none = await mkdtemp(path.join(os.tmpdir(), 'lectern-bench-nogroups-'));
    const baseline = await startApp(none);
    await baseline.app.close();
    await rm(none, { recursive: true, force: true });
    global.gc?.();
    const rss0 = rss();
    const heap0 = process.memoryUsage().heapUsed;
    const { app, startMs } = await startApp(dir);
    global.gc?.();
    console.log(`start with ${n.toLocaleString('en')} groups on disk: ${ms(startMs)} (with none, same run: ${ms(baseline.startMs)}; ratio ${(startMs / baseline.startMs).toFixed(2)}; target: independent of the number of groups), heap +${mb(process.memoryUsage().heapUsed - heap0)}, RSS +${mb(rss() - rss0)}`);
    t = performance.now();
    const view = await app.library.open('group-7');
    console.log(`first command in a group loads it: ${ms(performance.now() - t)}`);
    const q = await timed((query) => view.search.search(query, { limit: 5 }), GROUP_QUERIES, 20);
    console.log(`queries in one group (bundled corpus + its text): p50 ${ms(percentile(q, 50))}, p99 ${ms(percentile(q, 99))} (target ≤ 100 ms)`);
    const opens: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await app.library.open(`group-${i}`);
      opens.push(performance.now() - s);
    }
    global.gc?.();
    const stats = app.library.cacheStats();
    console.log(`every group opened once: p50 ${ms(percentile(opens, 50))}, p99 ${ms(percentile(opens, 99))} per first open; loaded ${stats.loaded.toLocaleString('en')}, estimated ${mb(stats.bytes)} of ${mb(stats.budget)} (LIBRARY_CACHE_MB), let go ${stats.evicted.toLocaleString('en')}; heap +${mb(process.memoryUsage().heapUsed - heap0)}, RSS +${mb(rss() - rss0)} over the start`);
    await app.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Works of ~10 MB from copies of the bundled works, each passage's sentences rotated so copies differ. */
export function syntheticWorks(works: WorkBuild[], targetBytes: number, tag: string): WorkBuild[] {
  const size = works.reduce((n, w) => n + w.blocks.reduce((m, b) => m + b.plain.length, 0), 0);
  const copies = Math.max(1, Math.ceil(targetBytes / size));
  const out: WorkBuild[] = [];
  const perWork = Math.max(1, Math.round((10 * 1024 * 1024) / size));
  for (let start = 0; start < copies; start += perWork) {
    const id = `${tag}-${start / perWork}`;
    const blocks: WorkBuild['blocks'] = [];
    for (let c = start; c < Math.min(copies, start + perWork); c++) {
      for (const [wi, w] of works.entries()) {
        for (const b of w.blocks) {
          const sentences = b.plain.split(/(?<=[.!?])\s+/);
          const k = c % Math.max(1, sentences.length);
          const plain = [...sentences.slice(k), ...sentences.slice(0, k)].join(' ');
          blocks.push({ ...b, id: `${id}.w${wi}${b.id.split('.').at(-1)}c${c}`, plain, text: plain, pair: undefined, markers: [], citations: [], refBlock: undefined, locator: { ...b.locator, work: id } });
        }
      }
    }
    out.push({ ...works[0]!, meta: { ...works[0]!.meta, id }, pairs: [], citations: [], bibliography: [], blocks });
  }
  return out;
}

/**
 * The big library's index files kept in `dir` (`--keep DIR`), to be loaded by a later run instead of
 * built again (510 s of one core and ~5 GB for 500 MB): one file per work, as a group's library keeps
 * them, and a manifest naming the size, the works and a digest of the bundled texts they are made
 * of. A manifest that does not match (another size, changed texts) means a build; each file is
 * still validated on load (format, analysis version, the work it was built for).
 */
interface KeptLibrary {
  format: 'lectern.bench-big';
  version: 1;
  targetMb: number;
  digest: string;
  works: string[];
}
const KEPT_MANIFEST = 'manifest.json';
const keptFile = (dir: string, id: string) => path.join(dir, `${id}.index`);

function digestOf(works: WorkBuild[]): string {
  const hash = createHash('sha256');
  for (const w of works) for (const b of w.blocks) hash.update(b.id).update('\u0000').update(b.plain).update('\u0000');
  return hash.digest('hex');
}

async function keptLibrary(dir: string, expected: Omit<KeptLibrary, 'format' | 'version'>): Promise<boolean> {
  try {
    const kept = JSON.parse(await readFile(path.join(dir, KEPT_MANIFEST), 'utf8')) as Partial<KeptLibrary>;
    return kept.format === 'lectern.bench-big' && kept.version === 1 && kept.targetMb === expected.targetMb && kept.digest === expected.digest && JSON.stringify(kept.works) === JSON.stringify(expected.works);
  } catch {
    return false;
  }
}

/** Writes each file under a temporary name and renames it, the manifest last: a run stopped half-way leaves no manifest to trust. */
async function keepLibrary(dir: string, manifest: Omit<KeptLibrary, 'format' | 'version'>, saved: string[][]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await rm(path.join(dir, KEPT_MANIFEST), { force: true });
  for (const [i, id] of manifest.works.entries()) {
    const file = keptFile(dir, id);
    await writeFile(`${file}.tmp`, saved[i]!.join('\n'));
    await rename(`${file}.tmp`, file);
  }
  const body: KeptLibrary = { format: 'lectern.bench-big', version: 1, ...manifest };
  await writeFile(path.join(dir, `${KEPT_MANIFEST}.tmp`), JSON.stringify(body));
  await rename(path.join(dir, `${KEPT_MANIFEST}.tmp`), path.join(dir, KEPT_MANIFEST));
}

/**
 * One group library of `targetMb` of text on top of the bundled corpus: per-work index build, save,
 * load, RSS, queries. `keep`: a folder where the built index files are kept, and read again by the
 * next run with the same size (see KeptLibrary) instead of built. Query times in wall and CPU time,
 * beside the same queries on the bundled corpus alone measured in the same run (what the library's
 * size costs, under the same load).
 */
export async function benchBig(targetMb: number, keep?: string): Promise<void> {
  const { build } = await realCorpus();
  const base = new Corpus(build);
  const baseEngine = new SearchEngine(base, new MemoryCandidateSource(buildIndex(base)));
  const works = syntheticWorks(build.works, targetMb * 1024 * 1024, 'big');
  const corpus = new Corpus({ works }, 'big', base);
  const passages = [...corpus.passages(works)];
  const bytes = passages.reduce((n, p) => n + Buffer.byteLength(p.block.plain), 0);
  console.log(`\n## One group library of ${mb(bytes)} of text (${works.length} works, ${passages.length.toLocaleString('en')} passages)`);
  const manifest = { targetMb, digest: digestOf(build.works), works: works.map((w) => w.meta.id) };
  const reuse = keep !== undefined && (await keptLibrary(keep, manifest));
  global.gc?.();
  const rss0 = rss();
  let sources: MemoryCandidateSource[];
  if (reuse) {
    const t = performance.now();
    sources = [];
    for (const w of works) {
      const { index, problem } = parseIndex(indexLines(await readFile(keptFile(keep, w.meta.id))), w.meta.id);
      if (!index) throw new Error(`bench: ${keptFile(keep, w.meta.id)}: ${problem}; delete ${keep} to build it again`);
      sources.push(new MemoryCandidateSource(index));
    }
    const loadMs = performance.now() - t;
    global.gc?.();
    console.log(`index files kept in ${keep} (built by an earlier run): read and load ${ms(loadMs)}, RSS +${mb(rss() - rss0)}`);
  } else {
    let t = performance.now();
    const saved = works.map((w) => serializeIndex(buildIndex(corpus, [w]), w.meta.id));
    const buildMs = performance.now() - t;
    const largest = Math.max(...saved.map((s) => s.reduce((n, l) => n + l.length, 0)));
    if (keep) await keepLibrary(keep, manifest, saved);
    t = performance.now();
    sources = saved.map((s, i) => new MemoryCandidateSource(parseIndex(s, works[i]!.meta.id).index!));
    const loadMs = performance.now() - t;
    saved.length = 0;
    global.gc?.();
    console.log(`index build + save ${ms(buildMs)}, files ${works.length} (largest ${mb(largest)}; one file per work, so no file nears V8's ~512 MB string limit), load ${ms(loadMs)} (target: no string-length limit at 500 MB), RSS +${mb(rss() - rss0)}${keep ? `; files kept in ${keep} for the next run` : ''}`);
  }
  const engine = new SearchEngine(corpus, new LayeredCandidateSource([baseEngine.source as MemoryCandidateSource, ...sources]), { shared: baseEngine });
  let t = performance.now();
  await engine.search('exonerated officially');
  console.log(`first query (reads WordNet, learns the lexicon, gathers the works' terms into one tree for prefix and typo variants): ${ms(performance.now() - t)}`);
  // A query met for the first time (its words' posting lists not yet kept as arrays, its passages not yet folded).
  t = performance.now();
  await engine.search('Bukharin Rykov');
  console.log(`a query met for the first time: ${ms(performance.now() - t)}`);
  // Warm-up of every row's queries on both, as on the other corpora (bench/README.md).
  for (let r = 0; r < 2; r++) for (const queries of Object.values(BIG_QUERIES)) for (const q of queries) await Promise.all([engine.search(q, { limit: 5 }), baseEngine.search(q, { limit: 5 })]);
  global.gc?.();
  console.log(`\n${machineLoad()} before the rows; CPU time by ${cpuClock.name}\n`);
  console.log('| queries | library wall p50 / p99 | library CPU p50 / p99 | bundled corpus alone wall p50 / p99 | CPU p50 / p99 | p99 ratio library / bundled, wall / CPU | target |');
  console.log('|---|---|---|---|---|---|---|');
  const timedAll = [];
  for (const [kind, queries] of Object.entries(BIG_QUERIES)) {
    const big = await timeQueries((q) => engine.search(q, { limit: 5 }), queries, 10);
    const small = await timeQueries((q) => baseEngine.search(q, { limit: 5 }), queries, 10);
    timedAll.push(big);
    const ratio = (a: number[], b: number[]) => (pct(a, 99) / pct(b, 99)).toFixed(1);
    console.log(`| ${kind} | ${wallPair(big)} | ${cpuPair(big)} | ${wallPair(small)} | ${cpuPair(small)} | ${ratio(big.wall, small.wall)} / ${ratio(big.cpu, small.cpu)} | p99 ≤ 100 ms |`);
  }
  console.log(`\n${machineLoad()} after the rows; the main thread's share of the library's CPU time: ${threadShare(timedAll)}`);
}

/** An add of a 1 MB text into a `targetMb` library: the new work's index only, against rebuilding the whole library's (the old way), same run. */
export async function benchAdd(targetMb: number): Promise<void> {
  const { build } = await realCorpus();
  const base = new Corpus(build);
  const works = syntheticWorks(build.works, targetMb * 1024 * 1024, 'lib');
  const added = syntheticWorks(build.works, 1024 * 1024, 'added');
  const corpus = new Corpus({ works: [...works, ...added] }, 'lib', base);
  console.log(`\n## An add of ~1 MB into a ~${targetMb} MB library`);
  let t = performance.now();
  for (const w of added) parseIndex(serializeIndex(buildIndex(corpus, [w]), 'x'), 'x');
  const incremental = performance.now() - t;
  t = performance.now();
  buildIndex(corpus, [...works, ...added]);
  const whole = performance.now() - t;
  console.log(`index the added text (build, save, load): ${ms(incremental)}; rebuilding the whole library's index: ${ms(whole)}; ratio ${(whole / incremental).toFixed(0)}× (target: the add costs the text, not the library)`);
}
