/**
 * The launcher's bundle of the sources (src/cli/bundle.ts): it answers as the sources do, and it is
 * not used once anything it was made from differs.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, CODE_CACHE_SUFFIX, freshBundle, freshOneShot, readCodeCache } from '../src/cli/bundle.ts';
import { PROJECT_ROOT } from '../src/config.ts';

const run = promisify(execFile);
// Inside the project, as .cache/cli is: the bundle's chunks find the packages left out of it in node_modules.
const DIR = path.join(PROJECT_ROOT, '.cache', `cli-test-${process.pid}`);
const MANIFEST = path.join(DIR, 'bundle.json');
let entry: string;

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
  entry = await buildBundle(PROJECT_ROOT, DIR);
}, 120_000);
afterAll(async () => {
  await rm(DIR, { recursive: true, force: true });
});

/** Exit code, stdout and stderr of one run. */
const answer = async (main: string, args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [main, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, LOG_LEVEL: 'warn', DISCORD_TOKEN: '', MATRIX_ACCESS_TOKEN: '' }, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
};

describe('GIVEN the CLI bundled', () => {
  it('THEN its answers and refusals are the sources\', byte for byte, with the same exit codes', async () => {
    const main = new URL(entry).pathname;
    const cases = [['quote', 'Kirov', '--json'], ['quote', 'Ryutin platform'], ['source', '(Vozhdy 250)'], ['translate', 'свидетельство'], ['quote', 'Kirov', '--limit', '99'], ['quote', 'Kirov', '--bogus'], ['cite', 'no-such.p1']];
    for (const args of cases) {
      const bundled = await answer(main, args);
      expect(bundled, args.join(' ')).toEqual(await answer(path.join(PROJECT_ROOT, 'src', 'main.ts'), args));
      expect(bundled.stdout + bundled.stderr).not.toMatch(/unexpected error/);
    }
  }, 120_000);

  it('THEN it is used while its inputs are as they were, and not once one of them, the Node version or its entry differs', async () => {
    expect(freshBundle(PROJECT_ROOT, DIR)).toBe(entry);
    const manifest = JSON.parse(await readFile(MANIFEST, 'utf8')) as { format: number; node: string; main: string; oneShot: string; outputs: Record<string, number>; inputs: Record<string, [number, number]> };
    expect(Object.keys(manifest.inputs)).toEqual(expect.arrayContaining(['src/main.ts', 'src/search/engine.ts', 'commands/quote.ts', 'package.json', 'tsconfig.json', 'node_modules/.package-lock.json', 'src/cli/bundle.ts']));
    expect(Object.keys(manifest.inputs).some((f) => f.startsWith('node_modules/zod/'))).toBe(true);

    const variants = [
      { ...manifest, inputs: { ...manifest.inputs, 'src/search/engine.ts': [manifest.inputs['src/search/engine.ts']![0], 1] } },
      { ...manifest, inputs: { ...manifest.inputs, 'commands/quote.ts': [manifest.inputs['commands/quote.ts']![0] + 1, manifest.inputs['commands/quote.ts']![1]] } },
      { ...manifest, inputs: { ...manifest.inputs, 'src/gone.ts': [1, 1] } },
      { ...manifest, node: 'v0.0.0' },
      // Made by an older launcher, whose manifest did not name its own options among the inputs.
      { ...manifest, format: 1 },
      { ...manifest, main: 'main-MISSING.mjs' },
      { ...manifest, oneShot: 'oneshot-MISSING.cjs' },
      { ...manifest, format: 2 },
      // A chunk gone (or cut short): importing it would fail midway.
      { ...manifest, outputs: { ...manifest.outputs, 'chunk-GONE.mjs': 10 } },
      { ...manifest, outputs: Object.fromEntries(Object.entries(manifest.outputs).map(([f, n]) => [f, n + 1])) },
    ];
    try {
      for (const variant of variants) {
        await writeFile(MANIFEST, JSON.stringify(variant));
        expect(freshBundle(PROJECT_ROOT, DIR)).toBeUndefined();
      }
      await writeFile(MANIFEST, '{"format":2,');
      expect(freshBundle(PROJECT_ROOT, DIR)).toBeUndefined();
    } finally {
      await writeFile(MANIFEST, JSON.stringify(manifest));
    }
    expect(freshBundle(PROJECT_ROOT, DIR)).toBe(entry);
  });
});

/** A one-shot command run as the launcher runs it: from the bundle's one-shot file, with its code cache. */
const oneShot = (file: string, args: string[]) => {
  const bundle = JSON.stringify(path.join(PROJECT_ROOT, 'src', 'cli', 'bundle.ts'));
  const code = `const b = await import(${bundle}); const f = ${JSON.stringify(file)}; process.exitCode = await b.runOneShot(b.loadOneShot(f), f, process.argv.slice(1));`;
  return answer('--input-type=module', ['-e', code, ...args]);
};

describe('GIVEN a one-shot command run from the single file with a code cache taken after an answer', () => {
  it("THEN its answers and refusals are the sources', byte for byte, without a cache, with the one it wrote, and with a damaged one", async () => {
    const file = freshOneShot(PROJECT_ROOT, DIR)!;
    expect(file).toMatch(/oneshot-\w+\.cjs$/);
    const cache = `${file}${CODE_CACHE_SUFFIX}`;
    await rm(cache, { force: true });
    const cases = [['quote', 'Have Trotsky and his son ever been officially exonerated?', '--json'], ['quote', 'Ryutin platform'], ['source', '(Vozhdy 250)'], ['translate', 'свидетельство'], ['quote', 'Kirov', '--limit', '99'], ['cite', 'no-such.p1']];
    for (const args of cases) {
      const sources = await answer(path.join(PROJECT_ROOT, 'src', 'main.ts'), args);
      expect(await oneShot(file, args), args.join(' ')).toEqual(sources);
      expect(await oneShot(file, args), `${args.join(' ')}, cached`).toEqual(sources);
    }
    // One cache, taken after each command's first answers (4 of quote's, two of the others'), holding the code of each.
    expect(readCodeCache(file)?.header.commands.sort()).toEqual(['cite', 'cite', 'quote', 'quote', 'quote', 'quote', 'source', 'source', 'translate', 'translate']);

    const bytes = await readFile(cache);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 50] = damaged[damaged.length - 50]! ^ 0xff;
    await writeFile(cache, damaged);
    expect(readCodeCache(file)).toBeUndefined();
    const args = ['quote', 'who killed Kirov'];
    expect(await oneShot(file, args)).toEqual(await answer(path.join(PROJECT_ROOT, 'src', 'main.ts'), args));
    expect(readCodeCache(file)?.header.commands).toEqual(['quote']);

    // Made by another Node, or for another file: not given to V8.
    const end = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(0, end).toString()) as Record<string, unknown>;
    for (const patch of [{ node: 'v0.0.0' }, { v8: '0.0' }, { bundle: 'oneshot-OTHER.cjs' }, { version: 0 }, { bytes: 1 }]) {
      await writeFile(cache, Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, ...patch })}\n`), bytes.subarray(end + 1)]));
      expect(readCodeCache(file), JSON.stringify(patch)).toBeUndefined();
    }
    await writeFile(cache, 'not a cache');
    expect(readCodeCache(file)).toBeUndefined();

    // A batch from stdin (readline, loaded only then): the same lines, and no warning on stderr.
    const batch = (main: string, args: string[]) => {
      const r = spawnSync(process.execPath, [main, ...args], { cwd: PROJECT_ROOT, input: 'Kirov\n\nwho killed Kirov\n', encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn', DISCORD_TOKEN: '', MATRIX_ACCESS_TOKEN: '' } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const bundle = JSON.stringify(path.join(PROJECT_ROOT, 'src', 'cli', 'bundle.ts'));
    const run = `const b = await import(${bundle}); const f = ${JSON.stringify(file)}; process.exitCode = await b.runOneShot(b.loadOneShot(f), f, process.argv.slice(1));`;
    const viaOneShot = batch('--input-type=module', ['-e', run, 'quote', '-', '--json', '--limit', '1']);
    expect(viaOneShot).toEqual(batch(path.join(PROJECT_ROOT, 'src', 'main.ts'), ['quote', '-', '--json', '--limit', '1']));
    expect(viaOneShot.stdout.trim().split('\n')).toHaveLength(3);
    expect(viaOneShot.stderr).toBe('');
  }, 300_000);
});
