/**
 * `npm run glossary`: stems the Russian–English glossary (data/glossary/ru-en.tsv) into
 * data/glossary/ru-en.stems.json, which search reads instead of stemming ~10,000 forms at every
 * start (see src/search/expand/glossary.ts). Run it after editing the glossary; a test fails while
 * the kept stems are not those of the glossary as it is.
 *
 * `npm run glossary -- coverage [--min N] [--all]`: which English content words of the bundled
 * corpus's English passages (in at least N passages, 2 by default) no Russian lemma translates to
 * (src/search/expand/glossary-coverage.ts), most common first; the first 150 unless --all.
 * With --russian: the lower-case words of the corpus's Russian passages the glossary does not list,
 * most occurrences first (russianReach), which that check cannot see (доверять beside доверие).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { ingestWork } from '../src/corpus/ingest/work.ts';
import { loadManifest } from '../src/corpus/manifest.ts';
import { sealedJson } from '../src/sealed-json.ts';
import { glossaryCoverage, russianReach } from '../src/search/expand/glossary-coverage.ts';
import { GLOSSARY_FILE, GLOSSARY_STEMS_FILE, STEMS_FORMAT, STEMS_VERSION, compileGlossary, parseGlossary, stemGlossary, stemsFingerprint } from '../src/search/expand/glossary.ts';

const bytes = readFileSync(GLOSSARY_FILE);
const entries = parseGlossary(bytes.toString('utf8'));
const stems = stemGlossary(entries);

if (process.argv[2] === 'coverage') {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const min = Number(arg('--min') ?? 2);
  const corpusDir = path.join(PROJECT_ROOT, 'data', 'corpus');
  const manifest = await loadManifest(path.join(corpusDir, 'manifest.json'));
  const blocks = [];
  for (const meta of manifest.works) {
    const file = path.join(corpusDir, meta.file);
    blocks.push(...ingestWork(meta, await readFile(file), file).blocks);
  }
  if (process.argv.includes('--russian')) {
    const g = compileGlossary(stems);
    const r = russianReach(blocks, (word, stem) => g.lists(word, stem));
    const shown = process.argv.includes('--all') ? r.unread : r.unread.slice(0, 150);
    for (const w of shown) console.log(`${String(w.occurrences).padStart(4)}  ${w.spellings.join(' ')}`);
    console.log(`Lower-case Russian content words in the Russian passages: ${r.words}; the glossary lists ${r.read} (${(100 * r.share).toFixed(1)} %); ${r.unread.length} stems not${shown.length < r.unread.length ? ` (the first ${shown.length} shown; --all for every one)` : ''}`);
    process.exit(0);
  }
  const c = glossaryCoverage(blocks, stems.english.flat(), min);
  const shown = process.argv.includes('--all') ? c.uncovered : c.uncovered.slice(0, 150);
  for (const w of shown) console.log(`${String(w.passages).padStart(4)}  ${w.word}${w.word === w.stem ? '' : ` (${w.stem})`}`);
  console.log(`English content words in ≥ ${min} English passages: ${c.words}; a Russian lemma translates to ${c.covered} (${(100 * c.share).toFixed(1)} %); ${c.uncovered.length} not${shown.length < c.uncovered.length ? ` (the first ${shown.length} shown; --all for every one)` : ''}`);
} else {
  compileGlossary(stems);
  writeFileSync(GLOSSARY_STEMS_FILE, sealedJson({ format: STEMS_FORMAT, version: STEMS_VERSION, fingerprint: stemsFingerprint(bytes), ...stems }));
  console.log(`${GLOSSARY_STEMS_FILE}: ${entries.length} entries, ${stems.russian.flat().length} Russian stems`);
}
