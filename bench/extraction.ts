/**
 * How reading a file grows with its size: PDF by pages, HTML and Markdown by megabytes of text,
 * EPUB by megabytes of text and a 100 MB EPUB that is mostly images. Each measurement runs the
 * library's real worker pool (the same JobPool, worker thread, time and heap limits as a group's
 * add) in a fresh child process that reads the file from disk, so its peak RSS is that file's alone.
 *
 *   npm run bench:extraction              # every kind, four sizes each (about 10 minutes)
 *   npm run bench:extraction -- --quick   # the two smallest sizes of each kind
 *   npm run bench:extraction -- --only pdf
 *
 * Numbers, not pass/fail: it prints time and peak memory per size and, against the smallest size
 * of the same kind, the ratio of CPU time and of memory above the process's idle RSS, each divided
 * by the ratio of sizes. Linear growth shows as about 1 or less (≤ 1.3 is flagged "linear").
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { JobPool } from '../src/library/pool.ts';
import { silentLogger } from '../src/logger.ts';
import { bigPdf } from '../test/helpers/library-samples.ts';
import type { IngestResult } from '../src/library/worker-protocol.ts';

type Kind = 'pdf' | 'html' | 'markdown' | 'epub' | 'epub-images';

/** The documented defaults (README, "Adding texts"); a bench run may raise only the file-size cap. */
const TIMEOUT_S = Number(process.env.LIBRARY_JOB_TIMEOUT_S ?? 120);
const MEMORY_MB = Number(process.env.LIBRARY_WORKER_MEMORY_MB ?? 1024);

const SIZES: Record<Kind, number[]> = {
  pdf: [625, 1250, 2500, 5000], // pages
  html: [2.5, 5, 10, 20], // MB of HTML
  markdown: [2.5, 5, 10, 20], // MB of Markdown
  epub: [8, 16, 32, 60], // MB of XHTML text inside the EPUB (the limit is 64 MB unpacked)
  'epub-images': [25, 50, 100], // MB of EPUB file, about 5 % text, the rest images
};

const SENTENCE =
  'The accounts of the mill and the weather of the district were set down at length for the record of the cooperative, whose members met every Sunday after the market closed. ';

function paragraphs(bytes: number, render: (i: number, text: string) => string): string {
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const p = render(i, `Paragraph ${i + 1}. ${SENTENCE.repeat(2)}`);
    parts.push(p);
    total += p.length;
  }
  return parts.join('\n');
}

const htmlDoc = (mb: number) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The Mill Ledgers</title><meta name="citation_author" content="Ivanova, Vera"></head><body><article><h1>The Mill Ledgers</h1>${paragraphs(mb * 1e6, (i, t) => (i % 40 === 0 ? `<h2>Section ${i / 40 + 1}</h2>` : '') + `<p>${t}</p>`)}</article></body></html>`;

const markdownDoc = (mb: number) => `# The Mill Ledgers\n\n${paragraphs(mb * 1e6, (i, t) => (i % 40 === 0 ? `## Section ${i / 40 + 1}\n\n` : '') + `${t}\n`)}`;

const XHTML = (title: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>${title}</title></head><body>${body}</body></html>`;

/** An EPUB of `textMb` of chapters, plus `imageMb` of incompressible "images" stored as they are. */
function epubDoc(textMb: number, imageMb: number): Uint8Array {
  const chapters = Math.max(1, Math.ceil(textMb / 2));
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 | 6 }]> = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8('<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'),
  };
  const items: string[] = [];
  const spine: string[] = [];
  for (let c = 0; c < chapters; c++) {
    const body = `<h1>Chapter ${c + 1}</h1>${paragraphs((textMb * 1e6) / chapters, (_, t) => `<p>${t}</p>`)}`;
    files[`OEBPS/c${c}.xhtml`] = [strToU8(XHTML(`Chapter ${c + 1}`, body)), { level: 6 }];
    items.push(`<item id="c${c}" href="c${c}.xhtml" media-type="application/xhtml+xml"/>`);
    spine.push(`<itemref idref="c${c}"/>`);
  }
  for (let k = 0; k * 5 < imageMb; k++) {
    // Random bytes do not compress, like JPEG data.
    const image = new Uint8Array(Math.min(5, imageMb - k * 5) * 1e6);
    for (let o = 0; o < image.length; o += 65536) crypto.getRandomValues(image.subarray(o, o + 65536));
    files[`OEBPS/img${k}.jpg`] = [image, { level: 0 }];
    items.push(`<item id="img${k}" href="img${k}.jpg" media-type="image/jpeg"/>`);
  }
  files['OEBPS/content.opf'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="uid">urn:uuid:bench</dc:identifier><dc:title>The Mill Ledgers</dc:title><dc:creator>Vera Ivanova</dc:creator><dc:language>en</dc:language></metadata><manifest>${items.join('')}</manifest><spine>${spine.join('')}</spine></package>`,
  );
  return zipSync(files as never);
}

async function fileFor(kind: Kind, size: number): Promise<{ name: string; bytes: Uint8Array; textBytes: number }> {
  switch (kind) {
    case 'pdf': {
      const s = await bigPdf(size);
      return { name: s.name, bytes: s.bytes, textBytes: size };
    }
    case 'html':
      return { name: 'ledgers.html', bytes: strToU8(htmlDoc(size)), textBytes: size };
    case 'markdown':
      return { name: 'ledgers.md', bytes: strToU8(markdownDoc(size)), textBytes: size };
    case 'epub':
      return { name: 'ledgers.epub', bytes: epubDoc(size, 0), textBytes: size };
    case 'epub-images':
      return { name: 'ledgers.epub', bytes: epubDoc(size * 0.05, size * 0.95), textBytes: size };
  }
}

interface Measurement {
  kind: Kind;
  size: number;
  fileMb: number;
  ok: boolean;
  message?: string;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  idleRssMb: number;
  passages: number;
}

/** One measurement, in this (child) process: the file is built first, then read through the pool. */
async function measureOne(kind: Kind, size: number, stored: string): Promise<Measurement> {
  const made = JSON.parse(await readFile(`${stored}.json`, 'utf8')) as { name: string };
  const file = { name: made.name, bytes: new Uint8Array(await readFile(stored)) };
  globalThis.gc?.();
  const idleRssMb = process.memoryUsage().rss / 1e6;
  const pool = new JobPool(silentLogger(), { concurrency: 1, timeoutMs: TIMEOUT_S * 1000, memoryMb: MEMORY_MB });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let ok = true;
  let message: string | undefined;
  let passages = 0;
  try {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const result = (await pool.ingest({
      bytes: file.bytes,
      name: file.name,
      sha256,
      maxPages: Number.MAX_SAFE_INTEGER,
      draft: { overrides: {}, takenIds: [], storedFile: file.name, actor: 'bench', addedAt: new Date(0).toISOString() },
    })) as IngestResult;
    passages = result.work.blocks.length;
  } catch (err) {
    ok = false;
    message = err instanceof Error ? err.message : String(err);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await pool.close();
  return {
    kind,
    size,
    fileMb: file.bytes.length / 1e6,
    ok,
    ...(message ? { message } : {}),
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    // maxRSS is in kilobytes; the idle figure is taken after the file was read into memory.
    peakRssMb: process.resourceUsage().maxRSS / 1e3,
    idleRssMb,
    passages,
  };
}

function unit(kind: Kind): string {
  return kind === 'pdf' ? 'pages' : kind === 'epub-images' ? 'MB file' : 'MB text';
}

function report(rows: Measurement[]): void {
  console.log(`\nReading a file through the library pool (time limit ${TIMEOUT_S} s, worker heap ${MEMORY_MB} MB), Node ${process.version}`);
  console.log('| kind | size | file MB | result | wall s | CPU s | peak RSS MB | RSS over idle MB | blocks | CPU ratio / size ratio | memory ratio / size ratio |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const first = rows.find((x) => x.kind === r.kind && x.ok);
    const sizeRatio = first ? r.size / first.size : 1;
    // CPU time, not wall time: other work on the machine stretches the wall clock, not the CPU used.
    const timeRatio = first && r.ok ? r.cpuSeconds / first.cpuSeconds / sizeRatio : NaN;
    const memRatio = first && r.ok ? (r.peakRssMb - r.idleRssMb) / Math.max(1, first.peakRssMb - first.idleRssMb) / sizeRatio : NaN;
    const flag = (x: number) => (Number.isNaN(x) ? '—' : `${x.toFixed(2)}${x <= 1.3 ? ' (linear)' : ''}`);
    console.log(
      `| ${r.kind} | ${r.size} ${unit(r.kind)} | ${r.fileMb.toFixed(1)} | ${r.ok ? 'read' : `refused: ${r.message?.slice(0, 80)}`} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} | ${r.peakRssMb.toFixed(0)} | ${(r.peakRssMb - r.idleRssMb).toFixed(0)} | ${r.passages} | ${flag(timeRatio)} | ${flag(memRatio)} |`,
    );
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const one = args.indexOf('--one');
  if (one >= 0) {
    const m = await measureOne(args[one + 1] as Kind, Number(args[one + 2]), args[one + 3]!);
    process.stdout.write(JSON.stringify(m));
    return;
  }
  const make = args.indexOf('--make');
  if (make >= 0) {
    const file = await fileFor(args[make + 1] as Kind, Number(args[make + 2]));
    await writeFile(args[make + 3]!, file.bytes);
    await writeFile(`${args[make + 3]}.json`, JSON.stringify({ name: file.name }));
    return;
  }
  const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] as Kind) : undefined;
  const quick = args.includes('--quick');
  const rows: Measurement[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-bench-extraction-'));
  for (const kind of Object.keys(SIZES) as Kind[]) {
    if (only && kind !== only) continue;
    for (const size of quick ? SIZES[kind].slice(0, 2) : SIZES[kind]) {
      // The file is made in one process and read in another, so the reader's peak RSS is the reading's alone.
      const stored = path.join(dir, `${kind}-${size}`);
      const run = (...a: string[]) => spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', fileURLToPath(import.meta.url), ...a], { encoding: 'utf8', maxBuffer: 1e6 });
      const made = run('--make', kind, String(size), stored);
      const child = made.status === 0 ? run('--one', kind, String(size), stored) : made;
      if (child.status !== 0) {
        console.error(`${kind} ${size}: the measurement failed\n${child.stderr.slice(-2000)}`);
        continue;
      }
      const m = JSON.parse(child.stdout) as Measurement;
      rows.push(m);
      console.error(`${kind} ${size} ${unit(kind)}: ${m.ok ? 'read' : 'refused'} in ${m.seconds.toFixed(1)} s, peak RSS ${m.peakRssMb.toFixed(0)} MB`);
    }
  }
  await rm(dir, { recursive: true, force: true });
  report(rows);
}

await main();
