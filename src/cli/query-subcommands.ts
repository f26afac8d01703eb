/**
 * `quote`, `source`, `translate`, `cite`, `context`, `works` from the command line: each goes through
 * the same dispatch as every chat door. The neutral reply is rendered as text (what the console
 * shows, without keys that cannot be pressed) or, with `--json`, as one JSON document
 * (src/reply/json.ts) and nothing else on stdout. "-" as the query reads one per line from stdin.
 * Exit codes are the same for every command and both renderers: 0 answered, 1 nothing found, 2 bad usage.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.ts';
import { createApp, type App } from '../app.ts';
import { createDispatch } from '../dispatch/dispatch.ts';
import type { Scope } from '../dispatch/types.ts';
import { renderConsole } from '../platforms/console/render.ts';
import { cliProfile } from '../platforms/console/profile.ts';
import { paginate } from '../reply/paginate.ts';
import { replyJson } from '../reply/json.ts';
import type { Reply } from '../reply/model.ts';
import { loadEnvironment } from './environment.ts';
import { LOCAL_COLLECTION } from './library-subcommands.ts';
import type { CliIo } from './io.ts';
import type { Subcommand } from './subcommands.ts';
import { FORMAT_IDS } from '../cite/ids.ts';

/** The command line and the console use the collection `local`, where `lectern add` puts texts. */
export function cliScope(app: App): Scope {
  return {
    platform: cliProfile(),
    collection: LOCAL_COLLECTION,
    defaults: { style: app.config.LECTERN_DEFAULT_STYLE, layout: app.config.LECTERN_DEFAULT_LAYOUT, visibility: 'public' },
  };
}

export async function openApp(): Promise<App> {
  const { config, log } = loadEnvironment({ quiet: true });
  return await createApp(config, log);
}

/** Error identifiers that mean "looked, found nothing" rather than "asked wrongly". */
const NOTHING_FOUND = /\.(?:none|unknown|no-pair|not-found|unresolved|empty-thread)$/;

/**
 * The exit code of an answer, the same for every command with or without --json: 0 answered,
 * 1 nothing found (a refusal that says so, or an answer with nothing in it), 2 bad usage.
 */
export function exitCode(reply: Pick<Reply, 'error' | 'empty'>): 0 | 1 | 2 {
  if (reply.error) return NOTHING_FOUND.test(reply.error.identifier) ? 1 : 2;
  return reply.empty ? 1 : 0;
}

export type Renderer = 'text' | 'json';

/** Prints one reply as the renderer makes it; returns its exit code. Text refusals go to stderr, results to stdout. */
export function printReply(reply: Reply, io: CliIo, renderer: Renderer = 'text', asked: Record<string, unknown> = {}): number {
  if (renderer === 'json') {
    io.out(JSON.stringify(replyJson(reply, asked)));
    return exitCode(reply);
  }
  if (reply.error) {
    io.err(`${reply.error.message} [${reply.error.identifier}]`);
    return exitCode(reply);
  }
  const width = Math.max(40, Math.min(io.columns, 200));
  // One-shot output: whole, and without the keys the console offers under an answer.
  for (const page of paginate(reply, cliProfile(width).budget)) io.out(renderConsole(page, { width, color: io.isTTY, keys: false }));
  return exitCode(reply);
}

async function* stdinLines(io: CliIo): AsyncGenerator<string> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

/**
 * Runs one registry command through dispatch. With "-" as the first argument's value, each line of
 * stdin is one invocation: with --json every line gets its JSON line (blank ones too, so answers zip
 * with their lines); as text, blank lines are skipped. The batch's exit code is its worst answer's.
 */
export async function runRegistry(name: string, args: Record<string, unknown>, io: CliIo, renderer: Renderer = 'text'): Promise<number> {
  const app = await openApp();
  const dispatch = createDispatch(app, commands);
  const [first] = Object.entries(args);
  const answer = async (a: Record<string, unknown>) => {
    const reply = await dispatch({ command: name, args: a, scope: cliScope(app) });
    return printReply(reply, io, renderer, first ? { query: a[first[0]] } : {});
  };
  try {
    if (first?.[1] !== '-') return await answer(args);
    let worst = 0;
    for await (const line of stdinLines(io)) {
      if (renderer === 'text' && !line.trim()) continue;
      worst = Math.max(worst, await answer({ ...args, [first[0]]: line.trim() }));
    }
    return worst;
  } finally {
    await app.close();
  }
}

const rendererOf = (values: { json?: boolean }): Renderer => (values.json ? 'json' : 'text');

export const quoteCommand: Subcommand = {
  name: 'quote',
  usage: 'quote "<query>" [--work ID] [--author NAME] [--lang en|ru|fr] [--limit 1-10] [--page N] [--json]',
  summary: 'the best passages for a query ("-" reads one query per line from stdin)',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { work: { type: 'string' }, author: { type: 'string' }, lang: { type: 'string' }, limit: { type: 'string' }, page: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const { json: _json, ...options } = values;
    // The registry's schema checks every value (limits, languages), as it does for every door.
    return await runRegistry('quote', { query: positionals.join(' '), limit: '5', ...options }, io, rendererOf(values));
  },
};

export const sourceCommand: Subcommand = {
  name: 'source',
  usage: 'source "<text>" [--style chicago|chicago-note|mla|apa|bibtex|ris|csl-json] [--passage ID] [--json]',
  summary: 'the reference a title, author or short citation points at ("-" reads one per line)',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { style: { type: 'string' }, passage: { type: 'string' }, json: { type: 'boolean', default: false } } });
    if (values.style && !(FORMAT_IDS as readonly string[]).includes(values.style)) {
      io.err(`Unknown style "${values.style}". Valid styles: ${FORMAT_IDS.join(', ')}.`);
      return 2;
    }
    const { json: _json, ...options } = values;
    return await runRegistry('source', { text: positionals.join(' '), ...options }, io, rendererOf(values));
  },
};

export const translateCommand: Subcommand = {
  name: 'translate',
  usage: 'translate "<query or passage id>" [--json]',
  summary: 'an original next to the translation the source gives ("-" reads one per line)',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
    return await runRegistry('translate', { query: positionals.join(' ') }, io, rendererOf(values));
  },
};

export const citeCommand: Subcommand = {
  name: 'cite',
  usage: 'cite <passage id>… [--style chicago|chicago-note|mla|apa|bibtex|ris|csl-json] [--json]',
  summary: "a passage's citation; several ids export together",
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { style: { type: 'string' }, json: { type: 'boolean', default: false } } });
    return await runRegistry('cite', { passage: positionals.join(' '), ...(values.style ? { style: values.style } : {}) }, io, rendererOf(values));
  },
};

export const contextCommand: Subcommand = {
  name: 'context',
  usage: 'context <passage id> [--before N] [--after N] [--json]',
  summary: 'a passage with the paragraphs around it',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { before: { type: 'string' }, after: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const { json: _json, ...options } = values;
    return await runRegistry('context', { passage: positionals.join(' '), ...options }, io, rendererOf(values));
  },
};

export const worksCommand: Subcommand = {
  name: 'works',
  usage: 'works [--json]',
  summary: 'the works in the library',
  run: async (argv, io) => {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
    return await runRegistry('works', {}, io, rendererOf(values));
  },
};
