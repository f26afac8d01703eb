#!/usr/bin/env node
/**
 * Lectern's launcher (`npm start`, `npm run lectern`), in plain JavaScript on purpose: Node strips
 * the types of a `.ts` entry point with a WebAssembly compiler that costs ~30–40 ms of CPU to
 * start, and with the compile cache on, the entry point is the only file it would be started for.
 * This turns the cache on first, then runs src/main.ts as one bundle of its modules when that is
 * current (src/cli/bundle.ts: loading ~300 files one by one cost a one-shot answer ~0.1 s of CPU),
 * or the sources themselves. A one-shot command (`quote`, `source`, …) runs from the bundle's
 * single CommonJS file with a V8 code cache taken after an earlier answer, so it compiles next to
 * nothing. `node src/main.ts …` works as well and behaves the same, a little slower.
 */
import module from 'node:module';

module.enableCompileCache?.(new URL('../.cache/node-compile', import.meta.url).pathname);
const { cliLaunch, loadOneShot, runOneShot } = await import('../src/cli/bundle.ts');
const argv = process.argv.slice(2);
const launch = await cliLaunch(argv);
let oneShot;
if (launch.oneShot) {
  try {
    oneShot = loadOneShot(launch.oneShot);
  } catch {
    // Nothing has run yet: the modules answer instead.
  }
}
if (oneShot) process.exitCode = await runOneShot(oneShot, launch.oneShot, argv);
else await import(launch.entry);
