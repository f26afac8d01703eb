/**
 * `add`, `remove`, `list` (and `edit`): a collection's own texts from the command line. Without
 * --collection they work on the collection `local`, which the console uses too. The file is read
 * from the path given; only its bytes, never its name, decide where it is stored.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../app.ts';
import { WorkType } from '../corpus/manifest.ts';
import { UserError } from '../errors.ts';
import { libraryErrors } from '../library/errors.ts';
import { type LibraryEntry, type LibraryManager, type MetaOverrides } from '../library/index.ts';
import { LOCAL_COLLECTION } from '../platforms/console/profile.ts';
import { loadEnvironment } from './environment.ts';
import type { CliIo } from './io.ts';
import type { Subcommand } from './subcommands.ts';


async function withLibrary<T>(fn: (library: LibraryManager, maxMb: number) => Promise<T>): Promise<T> {
  const { config, log } = loadEnvironment({ quiet: true });
  const app = await createApp(config, log);
  try {
    return await fn(app.library, config.LIBRARY_MAX_FILE_MB);
  } finally {
    await app.close();
  }
}

const collectionOption = { collection: { type: 'string' as const } };

function printEntry(e: LibraryEntry, io: CliIo): void {
  const m = e.meta;
  const authors = m.authors.map((a) => a.literal ?? [a.given, a.family].filter(Boolean).join(' ')).join(', ');
  io.out(`${m.id}\n  ${m.title} — ${authors}${m.date ? ` (${m.date.value})` : ''}, ${m.type}\n  ${e.source.format.toUpperCase()} "${e.source.name}"${e.source.pages ? `, ${e.source.pages} pages` : ''}, added ${e.addedAt.slice(0, 10)} by ${e.addedBy}`);
}

function overrides(values: { title?: string; author?: string[]; year?: string; type?: string }): MetaOverrides {
  if (values.type !== undefined && !WorkType.safeParse(values.type).success) {
    throw new UserError('library.bad-metadata', `--type must be one of: ${WorkType.options.join(', ')}.`);
  }
  return {
    ...(values.title ? { title: values.title } : {}),
    ...(values.author?.length ? { authors: values.author } : {}),
    ...(values.year ? { year: values.year } : {}),
    ...(values.type ? { type: values.type as WorkType } : {}),
  };
}

export const addCommand: Subcommand = {
  name: 'add',
  usage: 'add <file> [--title T] [--author A]… [--year YYYY] [--type book|article|…] [--collection ID]',
  summary: "add a PDF, EPUB, HTML, Markdown or text file to a group's library",
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { title: { type: 'string' }, author: { type: 'string', multiple: true }, year: { type: 'string' }, type: { type: 'string' }, json: { type: 'boolean', default: false }, ...collectionOption },
    });
    if (positionals.length !== 1) {
      io.err('Give one file to add, as in: npm run lectern -- add reading.pdf --year 1931');
      return 2;
    }
    const file = positionals[0]!;
    const meta = overrides(values);
    return await withLibrary(async (library, maxMb) => {
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) throw new UserError('library.no-file', `There is no file "${file}".`);
      if (info.size > maxMb * 1024 * 1024) throw libraryErrors.tooLarge(info.size, maxMb);
      const started = performance.now();
      const { entry, notices } = await library.add(values.collection ?? LOCAL_COLLECTION, { bytes: new Uint8Array(await readFile(file)), name: path.basename(file) }, meta, 'cli');
      if (values.json) io.out(JSON.stringify(entry));
      else printEntry(entry, io);
      io.err(`Added to collection "${values.collection ?? LOCAL_COLLECTION}" in ${Math.round(performance.now() - started)} ms.${notices.length ? ` ${notices.join(' ')}` : ''}`);
      return 0;
    });
  },
};

export const editCommand: Subcommand = {
  name: 'edit',
  usage: 'edit <work id> [--title T] [--author A]… [--year YYYY] [--type …] [--collection ID]',
  summary: "correct the title, authors or year of a work a group added",
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { title: { type: 'string' }, author: { type: 'string', multiple: true }, year: { type: 'string' }, type: { type: 'string' }, ...collectionOption },
    });
    const meta = overrides(values);
    if (positionals.length !== 1 || !Object.keys(meta).length) {
      io.err('Give one work id and what to change, as in: npm run lectern -- edit the-grain-question --year 1931');
      return 2;
    }
    return await withLibrary(async (library) => {
      printEntry(await library.edit(values.collection ?? LOCAL_COLLECTION, positionals[0]!, meta, 'cli'), io);
      return 0;
    });
  },
};

export const removeCommand: Subcommand = {
  name: 'remove',
  usage: 'remove <work id> [--collection ID]',
  summary: "remove a work from a group's library",
  run: async (argv, io) => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: collectionOption });
    if (positionals.length !== 1) {
      io.err('Give the id of one work, as in: npm run lectern -- remove the-grain-question ("list" shows the ids).');
      return 2;
    }
    return await withLibrary(async (library) => {
      const removed = await library.remove(values.collection ?? LOCAL_COLLECTION, positionals[0]!, 'cli');
      io.err(`Removed "${removed.meta.title}" (${removed.meta.id}) from collection "${values.collection ?? LOCAL_COLLECTION}".`);
      return 0;
    });
  },
};

export const listCommand: Subcommand = {
  name: 'list',
  usage: 'list [--collection ID] [--json]',
  summary: "the works a group added to its library",
  run: async (argv, io) => {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false }, ...collectionOption } });
    return await withLibrary(async (library) => {
      // Read without holding the thread (and, with LECTERN_DATABASE_URL, from the database) before listing.
      await library.open(values.collection ?? LOCAL_COLLECTION);
      const entries = library.list(values.collection ?? LOCAL_COLLECTION);
      if (values.json) io.out(JSON.stringify({ collection: values.collection ?? LOCAL_COLLECTION, works: entries }));
      else if (!entries.length) io.err(`Collection "${values.collection ?? LOCAL_COLLECTION}" has no texts of its own yet; add one with: npm run lectern -- add <file>`);
      else for (const e of entries) printEntry(e, io);
      return 0;
    });
  },
};

