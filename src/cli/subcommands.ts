/**
 * The CLI's subcommands, one module each; this table is what `lectern help` lists. Each module is
 * imported only when its command runs (help imports them all for their usage lines): a one-shot
 * `quote` loaded start's, doctor's and the library commands' modules, and readline, for nothing.
 */
import type { CliIo } from './io.ts';

export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A subcommand by name, and how to load it. */
export interface SubcommandEntry {
  name: string;
  load(): Promise<Subcommand>;
}

const query = () => import('./query-subcommands.ts');
const library = () => import('./library-subcommands.ts');
const corpus = () => import('./corpus-subcommands.ts');

const help: Subcommand = {
  name: 'help',
  usage: 'help',
  summary: 'list the commands',
  run: async (_args, io) => {
    io.out('Usage: npm run lectern -- <command> [options]\n');
    for (const s of await Promise.all(SUBCOMMANDS.map((e) => e.load()))) io.out(`  ${s.usage.padEnd(64)} ${s.summary}`);
    return 0;
  },
};

export const SUBCOMMANDS: SubcommandEntry[] = [
  { name: 'start', load: async () => (await import('./start.ts')).startCommand },
  { name: 'quote', load: async () => (await query()).quoteCommand },
  { name: 'source', load: async () => (await query()).sourceCommand },
  { name: 'translate', load: async () => (await query()).translateCommand },
  { name: 'cite', load: async () => (await query()).citeCommand },
  { name: 'context', load: async () => (await query()).contextCommand },
  { name: 'works', load: async () => (await query()).worksCommand },
  { name: 'notes', load: async () => (await query()).notesCommand },
  { name: 'add', load: async () => (await library()).addCommand },
  { name: 'edit', load: async () => (await library()).editCommand },
  { name: 'remove', load: async () => (await library()).removeCommand },
  { name: 'list', load: async () => (await library()).listCommand },
  { name: 'ingest', load: async () => (await corpus()).ingestCommand },
  { name: 'stats', load: async () => (await corpus()).statsCommand },
  { name: 'pairs', load: async () => (await corpus()).pairsCommand },
  { name: 'validate', load: async () => (await corpus()).validateCommand },
  { name: 'matrix-setup', load: async () => (await import('./matrix-setup.ts')).matrixSetupCommand },
  { name: 'state-import', load: async () => (await import('./state-import.ts')).stateImportCommand },
  { name: 'doctor', load: async () => (await import('./doctor.ts')).doctorCommand },
  { name: 'help', load: async () => help },
];
