/** The CLI's subcommands, one module each; this table is what `lectern help` lists. */
import type { CliIo } from './io.ts';
import { ingestCommand, pairsCommand, statsCommand, validateCommand } from './corpus-subcommands.ts';
import { citeCommand, contextCommand, notesCommand, quoteCommand, sourceCommand, translateCommand, worksCommand } from './query-subcommands.ts';
import { doctorCommand } from './doctor.ts';
import { startCommand } from './start.ts';
import { LIBRARY_SUBCOMMANDS } from './library-subcommands.ts';
import { matrixSetupCommand } from './matrix-setup.ts';
import { stateImportCommand } from './state-import.ts';

export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const help: Subcommand = {
  name: 'help',
  usage: 'help',
  summary: 'list the commands',
  run: async (_args, io) => {
    io.out('Usage: npm run lectern -- <command> [options]\n');
    for (const s of SUBCOMMANDS) io.out(`  ${s.usage.padEnd(64)} ${s.summary}`);
    return 0;
  },
};

export const SUBCOMMANDS: Subcommand[] = [
  startCommand,
  quoteCommand,
  sourceCommand,
  translateCommand,
  citeCommand,
  contextCommand,
  worksCommand,
  notesCommand,
  ...LIBRARY_SUBCOMMANDS,
  ingestCommand,
  statsCommand,
  pairsCommand,
  validateCommand,
  matrixSetupCommand,
  stateImportCommand,
  doctorCommand,
  help,
];
