/** `ingest`, `stats`, `validate`: building and checking the corpus. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCorpus, readBuild } from '../corpus/build.ts';
import { loadManifest } from '../corpus/manifest.ts';
import { corpusStats, formatStats } from '../corpus/stats.ts';
import { validateBuild } from '../corpus/validate.ts';
import { loadEnvironment } from './environment.ts';
import type { Subcommand } from './subcommands.ts';

export const ingestCommand: Subcommand = {
  name: 'ingest',
  usage: 'ingest',
  summary: 'build data/build/corpus.json from data/corpus (and the search index)',
  run: async (args, io) => {
    parseArgs({ args, options: {}, allowPositionals: false });
    const { config, log } = loadEnvironment({ quiet: true });
    const started = performance.now();
    const { build, file } = await buildCorpus(config.corpusDir, config.buildDir, log);
    const { afterIngest } = await import('./after-ingest.ts');
    await afterIngest(config, log, build);
    io.err(`Built ${build.works.length} works into ${path.relative(process.cwd(), file)} in ${Math.round(performance.now() - started)} ms.`);
    for (const s of corpusStats(build)) io.err(formatStats(s));
    return 0;
  },
};

export const statsCommand: Subcommand = {
  name: 'stats',
  usage: 'stats [--json]',
  summary: 'what each work contains: blocks, headings, footnotes, citations, pairs',
  run: async (args, io) => {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const { config, log } = loadEnvironment({ quiet: true });
    const { loadOrBuildCorpus } = await import('../corpus/build.ts');
    const { build } = await loadOrBuildCorpus(config.corpusDir, config.buildDir, log);
    const stats = corpusStats(build);
    if (values.json) io.out(JSON.stringify({ works: stats }, null, 2));
    else io.out(stats.map(formatStats).join('\n\n'));
    return 0;
  },
};

export const validateCommand: Subcommand = {
  name: 'validate',
  usage: 'validate',
  summary: 'check the manifest and the build (ids, pairs, footnote links)',
  run: async (args, io) => {
    parseArgs({ args, options: {} });
    const { config } = loadEnvironment({ quiet: true });
    await loadManifest(path.join(config.corpusDir, 'manifest.json'));
    const { build, problem } = await readBuild(config.buildDir, { full: true });
    if (!build) {
      io.err(`No usable build: ${problem}. Run "npm run lectern -- ingest" first.`);
      return 1;
    }
    const problems = validateBuild(build);
    if (problems.length) {
      io.err(`The build has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
      return 1;
    }
    io.out(`OK: manifest and build are valid (${build.works.length} works, ${build.works.reduce((n, w) => n + w.blocks.length, 0)} blocks).`);
    return 0;
  },
};

export const pairsCommand: Subcommand = {
  name: 'pairs',
  usage: 'pairs [--work ID] [--json]',
  summary: 'audit every translation pair: first words of each side, segments, confidence',
  run: async (args, io) => {
    const { values } = parseArgs({ args, options: { work: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const { config, log } = loadEnvironment({ quiet: true });
    const { loadOrBuildCorpus } = await import('../corpus/build.ts');
    const { auditPairs, formatAudit } = await import('../corpus/pairs-audit.ts');
    const { build } = await loadOrBuildCorpus(config.corpusDir, config.buildDir, log);
    if (values.work !== undefined && !build.works.some((w) => w.meta.id === values.work)) {
      io.err(`There is no work "${values.work}". Work ids: ${build.works.map((w) => w.meta.id).join(', ')}.`);
      return 2;
    }
    const rows = auditPairs(build, values.work);
    if (values.json) io.out(JSON.stringify({ pairs: rows }, null, 2));
    else io.out(formatAudit(rows));
    return rows.length ? 0 : 1;
  },
};
