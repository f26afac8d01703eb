/**
 * `quote`, `source`, `translate`, `cite`, `works` from the command line. Text output renders the
 * same neutral reply the chat platforms get; `--json` writes the machine contract other tools use
 * (one JSON document, or one line per query in batch mode) and nothing else on stdout.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.ts';
import { formatAnswer, type SourceStyle } from '../../commands/source.ts';
import { findPairMatches } from '../../commands/translate.ts';
import { CONFIDENT, matchSides } from '../corpus/pair-lookup.ts';
import { createApp, type App } from '../app.ts';
import { createDispatch } from '../dispatch/dispatch.ts';
import type { CommandContext } from '../services.ts';
import type { Scope } from '../dispatch/types.ts';
import { isUserError } from '../errors.ts';
import { renderConsole } from '../platforms/console/render.ts';
import { cliProfile } from '../platforms/console/profile.ts';
import { paginate } from '../reply/paginate.ts';
import type { Reply } from '../reply/model.ts';
import { resolveSource } from '../sources/resolve.ts';
import { loadEnvironment } from './environment.ts';
import { LOCAL_COLLECTION } from './library-subcommands.ts';
import type { CliIo } from './io.ts';
import type { Subcommand } from './subcommands.ts';
import { FORMAT_IDS } from '../cite/ids.ts';

/** The command line and the console use the collection `local`, where `lectern add` puts texts. */
function cliScope(app: App): Scope {
  return {
    platform: cliProfile(),
    collection: LOCAL_COLLECTION,
    defaults: { style: app.config.LECTERN_DEFAULT_STYLE, layout: app.config.LECTERN_DEFAULT_LAYOUT, visibility: 'public' },
  };
}

export function commandContext(app: App): CommandContext {
  const scope = cliScope(app);
  const view = app.view(scope);
  return { ...app, scope, corpus: view.corpus, search: view.search };
}

async function openApp(): Promise<App> {
  const { config, log } = loadEnvironment({ quiet: true });
  return await createApp(config, log);
}

/**
 * The exit code of an answer, the same for every command with or without --json: 0 answered,
 * 1 nothing found (a refusal that says so, or an answer with nothing in it), 2 bad usage.
 */
export function exitCode(reply: Pick<Reply, 'error' | 'empty'>): 0 | 1 | 2 {
  if (reply.error) return NOTHING_FOUND.test(reply.error.identifier) ? 1 : 2;
  return reply.empty ? 1 : 0;
}

/** Error identifiers that mean "looked, found nothing" rather than "asked wrongly". */
const NOTHING_FOUND = /\.(?:none|unknown|no-pair|not-found|unresolved)$/;

export function printReply(reply: Reply, io: CliIo): number {
  const width = Math.max(40, Math.min(io.columns, 200));
  // One-shot output: whole, and without the keys the console offers under an answer.
  for (const page of paginate(reply, cliProfile(width).budget)) {
    io.out(renderConsole(page, { width, color: io.isTTY, keys: false }));
  }
  return exitCode(reply);
}

async function runRegistry(name: string, args: Record<string, unknown>, io: CliIo): Promise<number> {
  const app = await openApp();
  const dispatch = createDispatch(app, commands);
  const answer = async (a: Record<string, unknown>) => {
    const reply = await dispatch({ command: name, args: a, scope: cliScope(app) });
    if (!reply.error) return printReply(reply, io);
    io.err(`${reply.error.message} [${reply.error.identifier}]`);
    return exitCode(reply);
  };
  try {
    // Batch: "-" as the first argument's value reads one value per line from stdin.
    const [first] = Object.entries(args);
    if (first?.[1] !== '-') return await answer(args);
    let worst = 0;
    for await (const line of stdinLines(io)) if (line.trim()) worst = Math.max(worst, await answer({ ...args, [first[0]]: line.trim() }));
    return worst;
  } finally {
    await app.close();
  }
}

async function* stdinLines(io: CliIo): AsyncGenerator<string> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

async function quoteJson(ctx: CommandContext, query: string, opts: { work?: string; lang?: string; author?: string; limit: number }) {
  try {
    const result = await ctx.search.search(query, {
      limit: opts.limit,
      ...(opts.work ? { work: opts.work } : {}),
      ...(opts.lang ? { lang: opts.lang as 'en' } : {}),
      ...(opts.author ? { author: opts.author } : {}),
    });
    return {
      query,
      results: result.hits.map((h) => {
        const pair = h.block.pair ? ctx.corpus.pair(h.block.pair) : undefined;
        const otherIds = pair ? (h.block.role === 'translation' ? pair.original : pair.translation) : [];
        const segment = pair?.segments.find(([o, t]) => o.includes(h.block.id) || t.includes(h.block.id));
        const ids = segment ? (h.block.role === 'translation' ? segment[0] : segment[1]) : otherIds;
        const other = ids.map((id) => ctx.corpus.block(id)!).filter(Boolean);
        return {
          id: h.block.id,
          work: ctx.corpus.summary(h.work),
          text: h.block.text,
          locator: h.block.locator,
          citation: ctx.cite.passage(h.block, h.work, ctx.scope.defaults.style),
          score: Number(h.score.toFixed(4)),
          snippet: h.snippet,
          footnotes: ctx.corpus.footnotesOf(h.block).map((n) => ({ id: n.id, number: n.number, text: n.text })),
          ...(other.length
            ? { translation: { ids, text: other.map((b) => b.text).join('\n\n'), lang: other[0]!.lang, locator: other[0]!.locator } }
            : {}),
        };
      }),
      ...(result.notices.length ? { notices: result.notices } : {}),
    };
  } catch (err) {
    if (isUserError(err)) return { query, results: [], error: err.message, errorId: err.identifier };
    throw err;
  }
}

export const quoteCommand: Subcommand = {
  name: 'quote',
  usage: 'quote "<query>" [--work ID] [--author NAME] [--lang en|ru|fr] [--limit N] [--json]',
  summary: 'the best passages for a query ("-" reads one query per line from stdin)',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { work: { type: 'string' }, author: { type: 'string' }, lang: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false }, hide: { type: 'boolean' } },
    });
    const query = positionals.join(' ');
    const limit = values.limit === undefined ? 5 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      io.err('--limit must be a whole number from 1 to 50.');
      return 2;
    }
    if (values.lang && !['en', 'ru', 'fr'].includes(values.lang)) {
      io.err(`--lang must be one of: en, ru, fr (got "${values.lang}").`);
      return 2;
    }
    const filters = { ...(values.work ? { work: values.work } : {}), ...(values.lang ? { lang: values.lang } : {}), ...(values.author ? { author: values.author } : {}) };
    if (!values.json) return await runRegistry('quote', { query, limit: Math.min(limit, 10), ...filters }, io);
    const ctx = commandContext(await openApp());
    const opts = { limit, ...filters };
    // The same exit codes as without --json: 1 when nothing was found, 2 for a query that cannot be searched.
    const codeOf = (out: Awaited<ReturnType<typeof quoteJson>>) => exitCode(out.errorId !== undefined ? { error: { identifier: out.errorId, message: out.error ?? '' } } : out.results.length ? {} : { empty: true });
    if (query === '-') {
      let worst = 0;
      for await (const line of stdinLines(io)) {
        const out = await quoteJson(ctx, line, opts);
        io.out(JSON.stringify(out));
        worst = Math.max(worst, codeOf(out));
      }
      return worst;
    }
    const out = await quoteJson(ctx, query, opts);
    io.out(JSON.stringify(out));
    return codeOf(out);
  },
};

export const sourceCommand: Subcommand = {
  name: 'source',
  usage: 'source "<text>" [--style chicago|chicago-note|mla|apa|bibtex|ris|csl-json] [--passage ID] [--json]',
  summary: 'the reference a title, author or short citation points at',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { style: { type: 'string' }, passage: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const text = positionals.join(' ');
    if (values.style && !(FORMAT_IDS as readonly string[]).includes(values.style)) {
      io.err(`Unknown style "${values.style}". Valid styles: ${FORMAT_IDS.join(', ')}.`);
      return 2;
    }
    if (!values.json) return await runRegistry('source', { text, ...(values.style ? { style: values.style } : {}), ...(values.passage ? { passage: values.passage } : {}) }, io);
    const ctx = commandContext(await openApp());
    const style = (values.style ?? ctx.scope.defaults.style) as SourceStyle;
    try {
      const answer = resolveSource(ctx.corpus, text, values.passage ? { passage: values.passage } : {});
      const formatted = formatAnswer(ctx, answer, style);
      io.out(
        JSON.stringify({
          query: answer.query,
          resolved: answer.resolved,
          kind: answer.kind,
          ...(answer.entry && answer.work
            ? { entry: { id: answer.entry.id, text: answer.entry.text, formatted, csl: ctx.cite.csl({ work: answer.work, entry: answer.entry }) } }
            : {}),
          ...(answer.kind === 'work' && answer.work ? { formatted, csl: ctx.cite.csl({ work: answer.work }) } : {}),
          ...(answer.work ? { work: { id: answer.work.meta.id, title: answer.work.meta.title } } : {}),
          ...(answer.pinpoint ? { locator: answer.pinpoint } : {}),
          citedIn: answer.citedIn,
          ...(answer.refersTo ? { refersTo: answer.refersTo } : {}),
          ...(answer.certain === false ? { certain: false } : {}),
          ...(answer.authorWorks
            ? {
                works: answer.authorWorks.map((c) => ({
                  id: c.entry?.id ?? c.work.meta.id,
                  text: c.entry?.text ?? c.work.meta.title,
                  work: c.work.meta.id,
                  csl: ctx.cite.csl(c.entry ? { work: c.work, entry: c.entry } : { work: c.work }),
                })),
              }
            : {}),
          candidates: answer.candidates.map((c) => ({ id: c.entry?.id ?? c.work.meta.id, text: c.entry?.text ?? c.work.meta.title, work: c.work.meta.id, score: c.score })),
          ...(answer.note && (!answer.resolved || answer.refersTo || answer.authorWorks || answer.certain === false) ? { note: answer.note } : {}),
        }),
      );
      return answer.resolved ? 0 : 1;
    } catch (err) {
      if (isUserError(err)) {
        io.out(JSON.stringify({ query: text, resolved: false, citedIn: [], candidates: [], error: err.message, errorId: err.identifier }));
        return 2;
      }
      throw err;
    }
  },
};

export const translateCommand: Subcommand = {
  name: 'translate',
  usage: 'translate "<query or passage id>" [--json] [--limit N]',
  summary: 'an original next to the translation the source gives',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false }, limit: { type: 'string' } } });
    const query = positionals.join(' ');
    if (!values.json) return await runRegistry('translate', { query }, io);
    const ctx = commandContext(await openApp());
    try {
      const matches = await findPairMatches(ctx, query, Number(values.limit ?? 5));
      const side = (ids: string[]) => {
        const blocks = ids.map((id) => ctx.corpus.block(id)!);
        return { ids, text: blocks.map((b) => b.text).join('\n\n'), lang: blocks.find((b) => b.lang !== 'und')?.lang ?? blocks[0]!.lang, locator: blocks[0]!.locator };
      };
      io.out(
        JSON.stringify({
          query,
          pairs: matches.map(({ pair: p, match }) => {
            const work = ctx.corpus.workOf(p.original[0]!)!;
            const sentence = (refs: { block: string; start: number; end: number }[]) =>
              refs.map((r) => ctx.corpus.block(r.block)!.text.slice(r.start, r.end)).join(' ');
            return {
              id: p.id,
              label: p.label,
              confidence: p.confidence ?? null,
              verified: (p.confidence ?? 0) >= CONFIDENT,
              original: side(p.original),
              translation: side(p.translation),
              ...(p.via.length ? { via: side(p.via) } : {}),
              ...(match
                ? {
                    match: {
                      side: match.side,
                      sentence: sentence(match.query),
                      counterpart: sentence(match.counterpart),
                      confidence: match.confidence,
                      original: sentence(matchSides(match).original),
                      translation: sentence(matchSides(match).translation),
                      ...(match.side === 'intermediate' ? { intermediate: sentence(match.query) } : {}),
                    },
                  }
                : {}),
              segments: p.segments.map(([o, t], k) => ({
                original: o.length ? side(o) : null,
                translation: t.length ? side(t) : null,
                confidence: p.segmentConfidence?.[k] ?? null,
              })),
              work: { id: work.meta.id, title: work.meta.title },
            };
          }),
          ...(matches.length ? {} : { note: 'None of the translations the sources give contains these words.' }),
        }),
      );
      return matches.length ? 0 : 1;
    } catch (err) {
      if (isUserError(err)) {
        io.out(JSON.stringify({ query, pairs: [], error: err.message, errorId: err.identifier }));
        return 2;
      }
      throw err;
    }
  },
};

export const citeCommand: Subcommand = {
  name: 'cite',
  usage: 'cite <passage id>… [--style chicago|chicago-note|mla|apa|bibtex|ris|csl-json]',
  summary: "a passage's citation; several ids export together",
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { style: { type: 'string' } } });
    return await runRegistry('cite', { passage: positionals.join(' '), ...(values.style ? { style: values.style } : {}) }, io);
  },
};

export const contextCommand: Subcommand = {
  name: 'context',
  usage: 'context <passage id> [--before N] [--after N]',
  summary: 'a passage with the paragraphs around it',
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { before: { type: 'string' }, after: { type: 'string' } } });
    return await runRegistry('context', { passage: positionals.join(' '), ...(values.before ? { before: values.before } : {}), ...(values.after ? { after: values.after } : {}) }, io);
  },
};

export const worksCommand: Subcommand = {
  name: 'works',
  usage: 'works',
  summary: 'the works in the library',
  run: async (argv, io) => {
    parseArgs({ args: argv, options: {} });
    return await runRegistry('works', {}, io);
  },
};
