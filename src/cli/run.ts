/**
 * Subcommand routing. Each subcommand parses its own arguments with node:util parseArgs and
 * returns an exit code; errors a user can fix are printed as one clear message, never a stack.
 */
import { ConfigError } from '../config.ts';
import { DataError, isUserError } from '../errors.ts';
import { processIo, type CliIo } from './io.ts';
import { SUBCOMMANDS } from './subcommands.ts';

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const entry = SUBCOMMANDS.find((s) => s.name === name);
  if (!entry) {
    io.err(`Unknown command "${name}". Commands: ${SUBCOMMANDS.map((s) => s.name).join(', ')}.`);
    return 2;
  }
  try {
    const sub = await entry.load();
    return await sub.run(rest, io);
  } catch (err) {
    // DatabaseError (src/db/database.ts) by name: importing it would load pg into every command.
    if (err instanceof ConfigError || err instanceof DataError || (err instanceof Error && err.name === 'DatabaseError')) {
      io.err(err.message);
      return 1;
    }
    if (isUserError(err)) {
      io.err(`${err.message} [${err.identifier}]`);
      return 2;
    }
    const fsCode = (err as NodeJS.ErrnoException).code;
    if (fsCode && ['EACCES', 'EPERM', 'EROFS', 'ENOSPC'].includes(fsCode)) {
      // A read-only mount or a full disk: the operator's fix, not a stack trace.
      const where = (err as NodeJS.ErrnoException).path ?? 'the data directory';
      io.err(`lectern ${name}: cannot write ${where} (${fsCode}). ${fsCode === 'ENOSPC' ? 'Free some disk space' : 'Give the user running Lectern write access to it, or point LECTERN_DATA_DIR at a writable folder (data/build and data/state must be writable)'}; "npm run lectern -- doctor" checks the rest.`);
      return 1;
    }
    // Any complaint of node:util parseArgs (unknown option, "--before -1", a missing value) is bad usage.
    if (err instanceof TypeError && String((err as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS_')) {
      // All of Node's lines: the last says how to give a value that starts with a dash (--before=-1).
      io.err(`${err.message.split('\n').join(' ')} Run "npm run lectern -- help" for the options.`);
      return 2;
    }
    io.err(`lectern ${name}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}
