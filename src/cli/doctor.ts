/**
 * `npm run lectern -- doctor [--repair]`: checks the data directory (writable state folder, the
 * built corpus, the state files or, with LECTERN_DATABASE_URL, the database, every group library and
 * the files it stored) and, with --repair,
 * repairs what it can: a damaged library is rebuilt from its stored files. Exit code 0 when
 * everything is (now) sound, 1 when a problem remains.
 */
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../app.ts';
import { collectionDirs, CollectionStore, manifestCollection } from '../library/collection-files.ts';
import { wordnetUnavailable } from '../search/expand/wordnet.ts';
import { glossaryUnavailable } from '../search/expand/glossary.ts';
import { frenchGlossaryUnavailable } from '../search/expand/glossary-fr.ts';
import { namesUnavailable } from '../search/expand/names.ts';
import { loadEnvironment } from './environment.ts';
import type { Subcommand } from './subcommands.ts';

type Finding = { level: 'ok' | 'problem' | 'repaired'; what: string };

/** The platforms' small state files (each is validated by its own loader, which sets a bad one aside). */
const STATE_FILES = ['settings.json', 'conversations.json', 'discord.json', 'matrix.json'];

async function writable(dir: string): Promise<string | undefined> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = path.join(dir, `.doctor-${process.pid}`);
    await writeFile(probe, 'ok');
    await rm(probe);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

async function stateFile(file: string): Promise<string | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { version?: unknown };
    return json.version === 1 ? undefined : `has an unknown version (${String(json.version).slice(0, 20)}); Lectern sets it aside and starts that state afresh`;
  } catch {
    return 'is not valid JSON; Lectern sets it aside at the next start and starts that state afresh (the groups are told)';
  }
}

export const doctorCommand: Subcommand = {
  name: 'doctor',
  usage: 'doctor [--repair]',
  summary: 'check the data directory (state, build, group libraries); --repair rebuilds damaged libraries',
  run: async (argv, io) => {
    const { values } = parseArgs({ args: argv, options: { repair: { type: 'boolean' } } });
    const { config, log } = loadEnvironment({ quiet: true });
    const findings: Finding[] = [];
    const note = (level: Finding['level'], what: string) => {
      findings.push({ level, what });
      io.out(`${level === 'ok' ? 'ok      ' : level === 'repaired' ? 'repaired' : 'PROBLEM '} ${what}`);
    };

    const stateProblem = await writable(config.stateDir);
    if (stateProblem) note('problem', `${config.stateDir} is not writable (${stateProblem}): settings, sync positions and libraries cannot be saved. Give the user running Lectern write access.`);
    else note('ok', `${config.stateDir} is writable`);
    try {
      await access(path.join(config.corpusDir, 'manifest.json'));
      note('ok', `${config.corpusDir}/manifest.json is there`);
    } catch {
      note('problem', `${config.corpusDir}/manifest.json is missing: the bundled texts cannot be built. Restore data/corpus from the repository.`);
    }
    const synonyms = wordnetUnavailable();
    if (synonyms) note('problem', `WordNet: ${synonyms}`);
    else note('ok', 'the WordNet synonyms table reads');
    const glossaryProblem = glossaryUnavailable();
    if (glossaryProblem) note('problem', glossaryProblem);
    else note('ok', 'the Russian–English glossary reads');
    const frenchProblem = frenchGlossaryUnavailable();
    if (frenchProblem) note('problem', frenchProblem);
    else note('ok', 'the French–English glossary reads');
    const namesProblem = namesUnavailable();
    if (namesProblem) note('problem', namesProblem);
    else note('ok', 'the other names of places and people read');
    if (config.LECTERN_DATABASE_URL) {
      // Settings, threads and the Matrix state are in the database; the files are not read (but for discord.json's one-time hand-over).
      const { checkDatabase } = await import('../db/check.ts');
      for (const f of await checkDatabase(config.LECTERN_DATABASE_URL)) note(f.level, f.what);
    } else {
      for (const name of STATE_FILES) {
        const problem = await stateFile(path.join(config.stateDir, name));
        if (problem) note('problem', `${name} ${problem}`);
      }
    }

    const libraryRoot = path.join(config.stateDir, 'library');
    const dirs = collectionDirs(libraryRoot);
    const inDatabase = Boolean(config.LECTERN_DATABASE_URL);
    if (inDatabase && dirs.length) note('ok', `${dirs.length} group librar${dirs.length === 1 ? 'y' : 'ies'} under ${libraryRoot} are not used while LECTERN_DATABASE_URL is set (the libraries are in the database)`);
    const databaseDown = inDatabase && findings.some((f) => f.level === 'problem');
    if ((inDatabase && !databaseDown) || (!inDatabase && dirs.length)) {
      const app = await createApp(config, log);
      /** One library: damaged or missing stored files are a problem, repaired with --repair. */
      const check = async (collection: string, missingFiles: () => Promise<string[]>) => {
        await app.library.open(collection);
        let damage = app.library.damage(collection);
        if (!damage) {
          const missing = await missingFiles();
          if (missing.length) damage = `stored files missing for ${missing.join(', ')}`;
        }
        if (!damage) return note('ok', `library of ${collection}: ${app.library.list(collection).length} works`);
        if (!values.repair) return note('problem', `library of ${collection}: ${damage}; run doctor --repair to rebuild it from its stored files`);
        const r = await app.library.repair(collection, 'lectern doctor');
        note('repaired', `library of ${collection}: rebuilt with ${r.works} works (${r.recovered} with their saved metadata)${r.dropped.length ? `; dropped (file gone): ${r.dropped.join('; ')}` : ''}`);
      };
      try {
        if (inDatabase) {
          const store = new (await import('../library/pg-store.ts')).PgLibraryStore(app.db!.pool);
          for (const collection of await store.collections()) await check(collection, () => store.missingFiles(collection));
        } else {
          for (const dir of dirs) {
            const collection = manifestCollection(libraryRoot, dir);
            if (!collection) {
              note('problem', `library ${dir}: its manifest cannot be read, so it cannot even be told which group it belongs to; move ${path.join(libraryRoot, dir)} aside`);
              continue;
            }
            const store = new CollectionStore(libraryRoot, collection);
            await check(collection, async () => (await store.readManifest()).works.filter((w) => !existsSync(store.storedFile(w.source.file))).map((w) => w.meta.id));
          }
        }
      } finally {
        await app.close();
      }
    }
    const problems = findings.filter((f) => f.level === 'problem').length;
    io.err(problems ? `${problems} problem(s) found.${values.repair ? '' : ' Some may be repaired with --repair.'}` : 'The data directory is sound.');
    return problems ? 1 : 0;
  },
};
