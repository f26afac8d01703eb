/**
 * `npm run lectern -- state-import`: moving a deployment to LECTERN_DATABASE_URL, copies what the
 * data folder's state files hold (the groups' settings, the threads and their notes, the Matrix
 * bot's sync position, device, layouts and crypto store) into the database, once. What the
 * database already holds wins; the files are left as they are.
 */
import type { Subcommand } from './subcommands.ts';
import { loadEnvironment } from './environment.ts';

export const stateImportCommand: Subcommand = {
  name: 'state-import',
  usage: 'state-import',
  summary: "copy the data folder's state files (settings, threads, Matrix state) into LECTERN_DATABASE_URL's database",
  run: async (_argv, io) => {
    const { config, log } = loadEnvironment({ quiet: true });
    if (!config.LECTERN_DATABASE_URL) {
      io.err('state-import: set LECTERN_DATABASE_URL to the database to copy the state into (see .env.example).');
      return 2;
    }
    const [{ openDatabase }, { databaseStateBackend }, { importCoreState }, { importMatrixState }] = await Promise.all([
      import('../db/database.ts'),
      import('../db/state-backend.ts'),
      import('../db/import-files.ts'),
      import('../platforms/matrix/stores.ts'),
    ]);
    const db = await openDatabase(config.LECTERN_DATABASE_URL, log);
    const state = databaseStateBackend(db, log);
    try {
      const core = await importCoreState(config.stateDir, state, log, config.NOTES_RETENTION_DAYS);
      const matrix = await importMatrixState(config.stateDir, state, log);
      io.out(`Copied from ${config.stateDir} into ${db.where}:`);
      io.out(`  settings of ${core.groups} group(s), ${core.threads} thread(s) with their notes`);
      io.out(`  Matrix: ${matrix.account ? `the sync position and device of ${matrix.account}, ` : ''}${matrix.layouts} room layout(s)${matrix.crypto ? ', the crypto store' : ''}`);
      io.out('What the database already held was kept. Start Lectern with LECTERN_DATABASE_URL set; the state files are no longer read.');
      return 0;
    } finally {
      await state.close();
      await db.close();
    }
  },
};
