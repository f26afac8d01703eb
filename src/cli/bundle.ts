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
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeCacheSync } from '../atomic-write.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FORMAT = 2;
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

/** The entry of the bundle in `dir` when every input is as it was bundled, else undefined. */
export function freshBundle(root = ROOT, dir = bundleDir(root)): string | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile(dir), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (manifest.format !== FORMAT || manifest.node !== process.version || typeof manifest.main !== 'string' || !manifest.outputs?.[manifest.main]) return undefined;
  // Joined by hand: path.join for each of ~340 files cost more than their stats.
  for (const [file, stamp] of Object.entries(manifest.inputs ?? {})) if (!sameStamp(stampOf(`${root}/${file}`), stamp)) return undefined;
  for (const [file, size] of Object.entries(manifest.outputs)) if (stampOf(`${dir}/${file}`)?.[0] !== size) return undefined;
  return pathToFileURL(path.join(dir, manifest.main)).href;
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
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: path.join(root, 'src', 'main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    outdir: dir,
    // Named by content: an unchanged chunk keeps its file, and a process started from an older build finds its chunks.
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    // The CommonJS packages bundled (dotenv) require Node's own modules.
    banner: { js: "import { createRequire as __lecternRequire } from 'node:module';\nconst require = __lecternRequire(import.meta.url);" },
    plugins: [
      {
        name: 'lectern-sources',
        setup(build) {
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
      },
    ],
  });
  for (const file of Object.keys(result.metafile.inputs)) stamp(file);
  const main = result.outputFiles.find((o) => path.basename(o.path).startsWith('main-'));
  if (!main) throw new Error('esbuild made no entry for the CLI bundle');
  // Each file whole or not at all (a rename), for the processes reading the same chunk meanwhile.
  for (const out of result.outputFiles) writeCacheSync(out.path, out.contents);
  const outputs = Object.fromEntries(result.outputFiles.map((o) => [path.basename(o.path), o.contents.length]));
  const manifest: Manifest = { format: FORMAT, node: process.version, main: path.basename(main.path), outputs, inputs };
  writeCacheSync(manifestFile(dir), JSON.stringify(manifest));
  removeOld(dir, new Set(result.outputFiles.map((o) => o.path)));
  return pathToFileURL(main.path).href;
}

function removeOld(dir: string, current: Set<string>): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!(name.endsWith('.mjs') || name.endsWith('.tmp')) || current.has(file)) continue;
    const stamp = stampOf(file);
    if (stamp && now - stamp[1] > KEEP_OLD_MS) rmSync(file, { force: true });
  }
}

/**
 * What the launcher imports: the bundle when it is fresh, else a new one, else (no esbuild, a
 * folder that cannot be written, a failed build) the sources themselves.
 */
export async function cliEntry(root = ROOT): Promise<string> {
  const fresh = freshBundle(root);
  if (fresh) return fresh;
  try {
    mkdirSync(bundleDir(root), { recursive: true });
    return await buildBundle(root);
  } catch {
    return pathToFileURL(path.join(root, 'src', 'main.ts')).href;
  }
}
