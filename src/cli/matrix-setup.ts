/** `npm run lectern -- matrix-setup [--reset]`: the Matrix bot's cross-signing, and its recovery key printed once. */
import { parseArgs } from 'node:util';
import { matrixEnabled } from '../config.ts';
import { loadEnvironment } from './environment.ts';
import type { Subcommand } from './subcommands.ts';

export const matrixSetupCommand: Subcommand = {
  name: 'matrix-setup',
  usage: 'matrix-setup [--reset]',
  summary: "set up the Matrix bot's cross-signing (a verified bot) and print its recovery key, once",
  run: async (argv, io) => {
    const { values } = parseArgs({ args: argv, options: { reset: { type: 'boolean', default: false } } });
    const { config, log } = loadEnvironment({ quiet: true });
    if (!matrixEnabled(config)) {
      io.err('matrix-setup: set MATRIX_HOMESERVER_URL and the bot\'s credentials (MATRIX_USER_ID and MATRIX_PASSWORD, or MATRIX_ACCESS_TOKEN) first; see the README, "Matrix".');
      return 2;
    }
    const { AlreadySetUp, matrixSetup } = await import('../platforms/matrix/cross-signing.ts');
    // matrix-js-sdk's crypto requests leave a 60-second timeout armed after they finish
    // (OutgoingRequestProcessor's localTimeoutMs), which would hold the process that long.
    const exitSoon = () => setTimeout(() => process.exit(), 500).unref();
    // With LECTERN_DATABASE_URL the bot's device and crypto store are in the database: set up that one.
    const db = config.LECTERN_DATABASE_URL ? await (await import('../db/database.ts')).openDatabase(config.LECTERN_DATABASE_URL, log) : undefined;
    const state = db ? (await import('../db/state-backend.ts')).databaseStateBackend(db, log) : undefined;
    try {
      const key = await matrixSetup(config, config.stateDir, log, { reset: values.reset, ...(state ? { state } : {}) });
      io.err('Cross-signing is set up and the bot\'s device is signed. Its recovery key, shown this once:');
      io.out(key);
      io.err('Put it in MATRIX_RECOVERY_KEY (in .env or the environment) and keep a copy somewhere safe; Lectern stores it nowhere else.');
      exitSoon();
      return 0;
    } catch (err) {
      exitSoon();
      if (!(err instanceof AlreadySetUp)) throw err;
      io.err(`matrix-setup: ${err.message}`);
      return 1;
    } finally {
      await state?.close();
      await db?.close();
    }
  },
};
