#!/usr/bin/env node
/**
 * Lectern's single entry point: `npm start` (the chat platforms, or the console without tokens)
 * and `npm run lectern -- <command>` (ingest, stats, validate, quote, source, cite, translate, …).
 */
import { runCli } from './cli/run.ts';

process.exitCode = await runCli(process.argv.slice(2));
