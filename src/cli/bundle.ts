/**
 * Lectern's modules bundled for the launcher (bin/lectern.js), in `.cache/cli/`. Node's module
 * loader costs about half a millisecond of CPU per file (resolving the path, the package scope,
 * reading the file and its compile-cache entry, linking), and a one-shot answer loads ~300 files
 * (zod alone 95): ~0.1 s of its ~0.5 s. esbuild puts src/, commands/ and the pure-JavaScript
 * packages they import at start (BUNDLED) into a few files; every other package (pino, the chat
 * SDKs, pg, the extractors, citation-js) is loaded from node_modules as before, and code the
 * sources import only when needed stays in chunks loaded only then.
 *
 * The bundle is only used while it is what the sources would run: it records each input file's
 * size and modification time (an edit, a checkout or an install changes them; a copy that keeps
 * them, as an image's layers do, keeps the bundle too), those of the installed packages' lock
 * file, tsconfig, package.json and this module (esbuild's options), and the Node version; anything
 * different and the launcher rebuilds it (~1 s, once) or, when that cannot be done (no esbuild, a
 * read-only folder), runs the sources directly. Each module keeps its own `import.meta.url` (the
 * source file's), so the files it reads, the workers it starts and
 * the packages it resolves are the same as when it runs unbundled.
 *
 * The one-shot commands (`quote`, `source`, … : ONE_SHOT) run from a second output of the same
 * build: one CommonJS file, compiled through node:vm with a V8 code cache taken after an answer
 * (`runOneShot`). Node's compile cache holds only the code compiled while a module loads, so each
 * answer compiled every function it called again (~0.1 s of a long question's ~0.5 s); a cache
 * taken after the answer holds them all. It sits beside the file it was made from (which is named by
 * its content), with a header naming the Node and V8 versions, the bundle, its length and CRC-32;
 * anything that does not match is not given to V8 (which rejects a cache of another version or
 * flags itself) and a new one is written. `start` and the rest run the ESM bundle as before.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeCacheSync } from '../atomic-write.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FORMAT = 3;
/** Packages bundled: plain JavaScript that reads no files beside itself and starts no workers. */
const BUNDLED = new Set(['zod', 'minisearch', 'snowball-stemmers', '@orama/stopwords', 'dotenv']);
/** What decides how the inputs are read, resolved and bundled, beside the inputs themselves (this file: esbuild's options). */
const SETTINGS = ['package.json', 'tsconfig.json', 'node_modules/.package-lock.json', 'src/cli/bundle.ts'];
/** Chunks no manifest names any more are removed after this long: a process started earlier may still load them. */
const KEEP_OLD_MS = 7 * 24 * 60 * 60 * 1000;

type Stamp = [size: number, mtimeMs: number];
interface Manifest {
  format: number;
  node: string;
  /** The entry, a file in the bundle's folder. */
  main: string;
  /** The one-shot commands' CommonJS file, in the bundle's folder. */
  oneShot: string;
  /** Every file of the bundle (the entry and its chunks) → its size: one missing would fail only when imported. */
  outputs: Record<string, number>;
  /** Project-relative path → its stamp when it was bundled. */
  inputs: Record<string, Stamp>;
}

export const bundleDir = (root = ROOT) => path.join(root, '.cache', 'cli');
const manifestFile = (dir: string) => path.join(dir, 'bundle.json');

function stampOf(file: string): Stamp | undefined {
  try {
    const s = statSync(file, { throwIfNoEntry: false });
    return s && [s.size, s.mtimeMs];
  } catch {
    return undefined;
  }
}
const sameStamp = (a: Stamp | undefined, b: Stamp) => a !== undefined && a.every((v, i) => v === b[i]);

/** The bundle in `dir` when every input is as it was bundled: its ESM entry's URL and its one-shot file's path. */
function freshManifest(root: string, dir: string): { entry: string; oneShot: string } | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile(dir), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (manifest?.format !== FORMAT || manifest.node !== process.version || typeof manifest.main !== 'string' || !manifest.outputs?.[manifest.main]) return undefined;
  if (typeof manifest.oneShot !== 'string' || !manifest.outputs[manifest.oneShot]) return undefined;
  // Joined by hand: path.join for each of ~340 files cost more than their stats.
  for (const [file, stamp] of Object.entries(manifest.inputs ?? {})) if (!sameStamp(stampOf(`${root}/${file}`), stamp)) return undefined;
  for (const [file, size] of Object.entries(manifest.outputs)) if (stampOf(`${dir}/${file}`)?.[0] !== size) return undefined;
  return { entry: pathToFileURL(path.join(dir, manifest.main)).href, oneShot: path.join(dir, manifest.oneShot) };
}

/** The entry of the bundle in `dir` when every input is as it was bundled, else undefined. */
export function freshBundle(root = ROOT, dir = bundleDir(root)): string | undefined {
  return freshManifest(root, dir)?.entry;
}

/** The one-shot commands' file of the bundle in `dir` when every input is as it was bundled, else undefined. */
export function freshOneShot(root = ROOT, dir = bundleDir(root)): string | undefined {
  return freshManifest(root, dir)?.oneShot;
}

/** The first path segment (or two, for a scope) of a package import. */
const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** Bundles src/main.ts into `dir` and returns its entry; the manifest is written last. */
export async function buildBundle(root = ROOT, dir = bundleDir(root)): Promise<string> {
  const esbuild = await import('esbuild');
  // Each input's stamp taken before it is read: one written meanwhile no longer matches, and the next start rebuilds.
  const inputs: Record<string, Stamp> = {};
  const stamp = (file: string) => {
    const s = stampOf(path.join(root, file));
    if (s) inputs[file] ??= s;
  };
  for (const file of SETTINGS) stamp(file);
  const ownUrl = (file: string) => JSON.stringify(pathToFileURL(file).href);
  const sources = {
    name: 'lectern-sources',
    setup(build: import('esbuild').PluginBuild) {
      build.onResolve({ filter: /^[^./#]/ }, (args) => {
        if (args.path.startsWith('node:')) return { external: true };
        if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        return BUNDLED.has(packageOf(args.path)) ? undefined : { external: true };
      });
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        stamp(path.relative(root, args.path));
        // Each module's own URL, not the bundle's: paths it reads and workers it starts stay the sources'.
        const source = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', ownUrl(args.path)).replaceAll('import.meta.main', 'false');
        return { contents: source, loader: 'ts' };
      });
    },
  };
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node' as const,
    target: `node${process.versions.node.split('.')[0]}`,
    outdir: dir,
    write: false as const,
    metafile: true as const,
    logLevel: 'silent' as const,
    legalComments: 'none' as const,
    plugins: [sources],
  };
  const result = await esbuild.build({
    ...common,
    entryPoints: { main: path.join(root, 'src', 'main.ts') },
    splitting: true,
    format: 'esm',
    // Named by content: an unchanged chunk keeps its file, and a process started from an older build finds its chunks.
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    // The CommonJS packages bundled (dotenv) require Node's own modules.
    banner: { js: "import { createRequire as __lecternRequire } from 'node:module';\nconst require = __lecternRequire(import.meta.url);" },
  });
  // The one-shot commands: the CLI's router (no top-level await there, unlike main.ts) as one CommonJS file.
  const oneShot = await esbuild.build({ ...common, entryPoints: { oneshot: path.join(root, 'src', 'cli', 'run.ts') }, format: 'cjs', entryNames: '[name]-[hash]', outExtension: { '.js': '.cjs' } });
  for (const file of [...Object.keys(result.metafile.inputs), ...Object.keys(oneShot.metafile.inputs)]) stamp(file);
  const main = result.outputFiles.find((o) => path.basename(o.path).startsWith('main-'));
  const single = oneShot.outputFiles.find((o) => o.path.endsWith('.cjs'));
  if (!main || !single) throw new Error('esbuild made no entry for the CLI bundle');
  const files = [...result.outputFiles, single];
  // Each file whole or not at all (a rename), for the processes reading the same chunk meanwhile.
  for (const out of files) writeCacheSync(out.path, out.contents);
  const outputs = Object.fromEntries(files.map((o) => [path.basename(o.path), o.contents.length]));
  const manifest: Manifest = { format: FORMAT, node: process.version, main: path.basename(main.path), oneShot: path.basename(single.path), outputs, inputs };
  writeCacheSync(manifestFile(dir), JSON.stringify(manifest));
  removeOld(dir, new Set(files.flatMap((o) => [o.path, `${o.path}${CODE_CACHE_SUFFIX}`])));
  return pathToFileURL(main.path).href;
}

function removeOld(dir: string, current: Set<string>): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!(name.endsWith('.mjs') || name.endsWith('.cjs') || name.endsWith(CODE_CACHE_SUFFIX) || name.endsWith('.tmp')) || current.has(file)) continue;
    const stamp = stampOf(file);
    if (stamp && now - stamp[1] > KEEP_OLD_MS) rmSync(file, { force: true });
  }
}

/** The commands that answer once and exit, run from the one-shot file (see the module comment). */
export const ONE_SHOT = new Set(['quote', 'source', 'translate', 'cite', 'context', 'works', 'notes']);

/**
 * What the launcher runs: the bundle when it is fresh, else a new one, else (no esbuild, a folder
 * that cannot be written, a failed build) the sources themselves. For a one-shot command, the
 * one-shot file (`oneShot`); otherwise the ESM entry to import.
 */
export async function cliLaunch(argv: readonly string[], root = ROOT): Promise<{ entry: string; oneShot?: string }> {
  let fresh = freshManifest(root, bundleDir(root));
  if (!fresh) {
    try {
      mkdirSync(bundleDir(root), { recursive: true });
      await buildBundle(root);
      fresh = freshManifest(root, bundleDir(root));
    } catch {
      // Run the sources.
    }
  }
  if (!fresh) return { entry: pathToFileURL(path.join(root, 'src', 'main.ts')).href };
  return ONE_SHOT.has(argv[0] ?? '') ? fresh : { entry: fresh.entry };
}

/** What the launcher imports (every command run as modules): the bundle's entry, or the sources'. */
export async function cliEntry(root = ROOT): Promise<string> {
  return (await cliLaunch([], root)).entry;
}

export const CODE_CACHE_SUFFIX = '.v8cache';
const CODE_CACHE_FORMAT = 'lectern.code-cache';
const CODE_CACHE_VERSION = 1;

interface CodeCacheHeader {
  format: string;
  version: number;
  node: string;
  v8: string;
  /** The one-shot file it was made from (named by its content). */
  bundle: string;
  bytes: number;
  crc32: number;
  /** The command of each answer it was taken after (see `TAKES_PER_COMMAND`). */
  commands: string[];
}

/** The code cache beside `file`, when its header says it is of this file, Node and V8 and its bytes are whole. */
export function readCodeCache(file: string): { data: Buffer; header: CodeCacheHeader } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(`${file}${CODE_CACHE_SUFFIX}`);
  } catch {
    return undefined;
  }
  const end = bytes.indexOf(10);
  if (end < 0) return undefined;
  let header: CodeCacheHeader;
  try {
    header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as CodeCacheHeader;
  } catch {
    return undefined;
  }
  const data = bytes.subarray(end + 1);
  const ok =
    header?.format === CODE_CACHE_FORMAT &&
    header.version === CODE_CACHE_VERSION &&
    header.node === process.version &&
    header.v8 === process.versions.v8 &&
    header.bundle === path.basename(file) &&
    header.bytes === data.length &&
    Array.isArray(header.commands) &&
    header.commands.every((c) => typeof c === 'string') &&
    header.crc32 === crc32(data);
  return ok ? { data, header } : undefined;
}

function writeCodeCache(file: string, data: Buffer, commands: string[]): void {
  const header: CodeCacheHeader = { format: CODE_CACHE_FORMAT, version: CODE_CACHE_VERSION, node: process.version, v8: process.versions.v8, bundle: path.basename(file), bytes: data.length, crc32: crc32(data), commands };
  try {
    writeCacheSync(`${file}${CODE_CACHE_SUFFIX}`, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), data]));
  } catch {
    // A cache: the next answer compiles what it calls, as without one.
  }
}

/** The one-shot file compiled (with its code cache when there is a usable one), and its `runCli`. */
export function loadOneShot(file: string): { runCli: (argv: string[]) => Promise<number>; script: vm.Script; cache: ReturnType<typeof readCodeCache> } {
  const cache = readCodeCache(file);
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: file, ...(cache ? { cachedData: cache.data } : {}), importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const module = { exports: {} as { runCli?: (argv: string[]) => Promise<number> } };
  // Packages left out of the bundle are found from the project, as the sources find them.
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(path.join(ROOT, 'src', 'cli', 'run.ts')), module, file, path.dirname(file));
  if (typeof module.exports.runCli !== 'function') throw new Error(`${file} does not export runCli`);
  return { runCli: module.exports.runCli, script, cache };
}

/**
 * Answers of one command after which the cache is taken again: each adds the code its query took
 * that the earlier ones did not (a one-word query and a long question take different paths), so the
 * first few answers of a command pay ~10–20 ms for the write and the later ones compile next to nothing.
 */
const TAKES_PER_COMMAND = 4;

/**
 * Runs a one-shot command from the one-shot file (`loadOneShot`'s); then, when there was no usable
 * code cache, V8 rejected it, or it was taken after fewer than TAKES_PER_COMMAND answers of this
 * command, writes one taken now: V8's cache after an answer holds what it had and what the answer compiled.
 */
export async function runOneShot(loaded: ReturnType<typeof loadOneShot>, file: string, argv: string[]): Promise<number> {
  const { runCli, script, cache } = loaded;
  // As src/main.ts: a reader that stops reading ends the output, not in a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
  const code = await runCli(argv);
  const command = argv[0] ?? '';
  const before = cache && !script.cachedDataRejected ? cache.header.commands : [];
  if (before.filter((c) => c === command).length < TAKES_PER_COMMAND) writeCodeCache(file, script.createCachedData(), [...before, command]);
  return code;
}
