/**
 * `npm run glossary`: stems the Russian–English glossary (data/glossary/ru-en.tsv) into
 * data/glossary/ru-en.stems.json, which search reads instead of stemming ~10,000 forms at every
 * start (see src/search/expand/glossary.ts). Run it after editing the glossary; a test fails while
 * the kept stems are not those of the glossary as it is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sealedJson } from '../src/sealed-json.ts';
import { GLOSSARY_FILE, GLOSSARY_STEMS_FILE, STEMS_FORMAT, STEMS_VERSION, compileGlossary, parseGlossary, stemGlossary, stemsFingerprint } from '../src/search/expand/glossary.ts';

const bytes = readFileSync(GLOSSARY_FILE);
const entries = parseGlossary(bytes.toString('utf8'));
const stems = stemGlossary(entries);
compileGlossary(stems);
writeFileSync(GLOSSARY_STEMS_FILE, sealedJson({ format: STEMS_FORMAT, version: STEMS_VERSION, fingerprint: stemsFingerprint(bytes), ...stems }));
console.log(`${GLOSSARY_STEMS_FILE}: ${entries.length} entries, ${stems.russian.flat().length} Russian stems`);
