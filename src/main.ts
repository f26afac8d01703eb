#!/usr/bin/env node
/**
 * Lectern's single entry point: `npm start` (the chat platforms, or the console without tokens)
 * and `npm run lectern -- <command>` (ingest, stats, validate, quote, source, cite, translate, …).
 * The npm scripts and the image start it through bin/lectern.js, which turns the compile cache on
 * before this file is read (so not even this file's types need stripping); run directly, it turns
 * the cache on itself.
 */
import module from 'node:module';

// Node strips the types of and compiles ~300 source files at every start; its compile cache keeps
// both between runs (in .cache/node-compile; where that cannot be written, it is simply not used),
// which takes about half a second of CPU off each one-shot CLI answer. Set before anything else is
// imported, so it covers every module.
module.enableCompileCache?.(new URL('../.cache/node-compile', import.meta.url).pathname);

// A reader that stops reading (`lectern help | head -3`) closes the pipe: that ends the output, not in a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

const { runCli } = await import('./cli/run.ts');
process.exitCode = await runCli(process.argv.slice(2));
