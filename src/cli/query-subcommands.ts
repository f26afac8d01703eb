/**
 * `quote`, `source`, `translate`, `cite`, `context`, `works` from the command line: each goes through
 * the same dispatch as every chat door. The neutral reply is rendered as text (what the console
 * shows, without keys that cannot be pressed) or, with `--json`, as one JSON document
 * (src/reply/json.ts) and nothing else on stdout. "-" as the query reads one per line from stdin.
 * Exit codes are the same for every command and both renderers: 0 answered, 1 nothing found, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.ts';
import { createApp, type App } from '../app.ts';
import { createDispatch } from '../dispatch/dispatch.ts';
import type { Scope } from '../dispatch/types.ts';
import { renderConsole } from '../platforms/console/render.ts';
import { deliverFiles } from '../platforms/console/files.ts';
import { cliProfile, consoleProfile, LOCAL_COLLECTION } from '../platforms/console/profile.ts';
import { paginate } from '../reply/paginate.ts';
import { replyJson } from '../reply/json.ts';
import type { Reply } from '../reply/model.ts';
import { UserError } from '../errors.ts';
import { loadEnvironment } from './environment.ts';
import type { CliIo } from './io.ts';
import type { Subcommand } from './subcommands.ts';
import { FORMAT_IDS } from '../cite/ids.ts';

/**
 * The command line and the console use the collection `local`, where `lectern add` puts texts;
 * `--collection ID` (quote, source, translate, cite) answers from another group's library on top of
 * the bundled corpus, with the isolation a chat command in that group has.
 */
export function cliScope(app: App, collection: string = LOCAL_COLLECTION): Scope {
  if (!collection.trim()) throw new UserError('cli.collection-empty', '--collection needs the id of a collection (a server, a room, or "local").');
  return {
    platform: cliProfile(),
    collection,
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
export async function printReply(reply: Reply, io: CliIo, renderer: Renderer = 'text', asked: Record<string, unknown> = {}): Promise<number> {
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
  // A file asked for on its own (an export) is the output; the answer's text then goes to stderr.
  const fileOnly = Boolean(reply.files?.length) && reply.files!.every((f) => !f.saveAs);
  for (const page of paginate(reply, cliProfile(width).budget)) (fileOnly ? io.err : io.out)(renderConsole(page, { width, color: io.isTTY && !fileOnly, keys: false }));
  await deliverFiles(reply, io.out, io.err);
  return exitCode(reply);
}

async function* stdinLines(io: CliIo): AsyncGenerator<string> {
  // Loaded here: only a batch from stdin reads lines. Not by import(): the one-shot file runs in
  // node:vm, where a dynamic import goes through an experimental hook that prints a warning.
  const { createInterface } = process.getBuiltinModule('node:readline');
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

/**
 * Runs one registry command through dispatch. With "-" as the first argument's value, each line of
 * stdin is one invocation: with --json every line gets its JSON line (blank ones too, so answers zip
 * with their lines); as text, blank lines are skipped. The batch's exit code is its worst answer's.
 */
export async function runRegistry(name: string, args: Record<string, unknown>, io: CliIo, renderer: Renderer = 'text', collection?: string, thread?: string): Promise<number> {
  const app = await openApp();
  const dispatch = createDispatch(app, commands);
  const [first] = Object.entries(args);
  // A discussion the console saved: its notes, as if asked inside it.
  const scopeOf = () => ({ ...cliScope(app, collection), ...(thread ? { thread: app.conversations.scopeOf({ platform: consoleProfile().id, scope: LOCAL_COLLECTION, thread }) } : {}) });
  const answer = async (a: Record<string, unknown>) => {
    const reply = await dispatch({ command: name, args: a, scope: scopeOf() });
    return await printReply(reply, io, renderer, first ? { query: a[first[0]] } : {});
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
/** `--collection ID` of quote, source, translate and cite. */
const collectionOption = { collection: { type: 'string' as const } };

export const quoteCommand: Subcommand = {
  name: 'quote',
  usage: 'quote "<query>" [--work ID] [--author NAME] [--lang en|ru|fr] [--limit 1-10] [--page N] [--collection ID] [--json]',
  summary: 'the best passages for a query ("-" reads one query per line from stdin)',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { work: { type: 'string' }, author: { type: 'string' }, lang: { type: 'string' }, limit: { type: 'string' }, page: { type: 'string' }, json: { type: 'boolean', default: false }, ...collectionOption },
    });
    const { json: _json, collection, ...options } = values;
    // The registry's schema checks every value (limits, languages), as it does for every door.
    return await runRegistry('quote', { query: positionals.join(' '), limit: '5', ...options }, io, rendererOf(values), collection);
  },
};

export const sourceCommand: Subcommand = {
  name: 'source',
  usage: 'source "<text>" [--style chicago|chicago-note|mla|apa|bibtex|ris|csl-json] [--passage ID] [--collection ID] [--json]',
  summary: 'the reference a title, author or short citation points at ("-" reads one per line)',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { style: { type: 'string' }, passage: { type: 'string' }, json: { type: 'boolean', default: false }, ...collectionOption } });
    if (values.style && !(FORMAT_IDS as readonly string[]).includes(values.style)) {
      io.err(`Unknown style "${values.style}". Valid styles: ${FORMAT_IDS.join(', ')}.`);
      return 2;
    }
    const { json: _json, collection, ...options } = values;
    return await runRegistry('source', { text: positionals.join(' '), ...options }, io, rendererOf(values), collection);
  },
};

export const translateCommand: Subcommand = {
  name: 'translate',
  usage: 'translate "<query or passage id>" [--collection ID] [--json]',
  summary: 'an original next to the translation the source gives ("-" reads one per line)',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false }, ...collectionOption } });
    return await runRegistry('translate', { query: positionals.join(' ') }, io, rendererOf(values), values.collection);
  },
};

export const citeCommand: Subcommand = {
  name: 'cite',
  usage: 'cite <passage id>… [--style chicago|chicago-note|mla|apa|bibtex|ris|csl-json] [--collection ID] [--json]',
  summary: "a passage's citation; several ids export together",
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { style: { type: 'string' }, json: { type: 'boolean', default: false }, ...collectionOption } });
    return await runRegistry('cite', { passage: positionals.join(' '), ...(values.style ? { style: values.style } : {}) }, io, rendererOf(values), values.collection);
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

export const notesCommand: Subcommand = {
  name: 'notes',
  usage: 'notes --thread <id> [--kind bibliography|notes] [--style …] [--format bibtex|ris|csl-json] [--out FILE] [--json]',
  summary: 'the notes of a discussion the console saved (its id is shown when it starts)',
  run: async (argv, io) => {
    const { values } = parseArgs({
      args: argv,
      options: { thread: { type: 'string' }, kind: { type: 'string' }, style: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (!values.thread) {
      io.err('Give the discussion with --thread <id>: the console names it when a discussion starts ("thread c…").');
      return 2;
    }
    const { json: _json, thread, ...options } = values;
    return await runRegistry('notes', options, io, rendererOf(values), undefined, thread);
  },
};
