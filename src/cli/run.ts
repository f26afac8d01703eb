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
  const sub = SUBCOMMANDS.find((s) => s.name === name);
  if (!sub) {
    io.err(`Unknown command "${name}". Commands: ${SUBCOMMANDS.map((s) => s.name).join(', ')}.`);
    return 2;
  }
  try {
    return await sub.run(rest, io);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataError) {
      io.err(err.message);
      return 1;
    }
    if (isUserError(err)) {
      io.err(`${err.message} [${err.identifier}]`);
      return 2;
    }
    // Any complaint of node:util parseArgs (unknown option, "--before -1", a missing value) is bad usage.
    if (err instanceof TypeError && String((err as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS_')) {
      io.err(`${err.message.split('\n')[0]} Run "npm run lectern -- help" for the options.`);
      return 2;
    }
    io.err(`lectern ${name}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}
