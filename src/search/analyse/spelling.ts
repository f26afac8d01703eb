/**
 * British and American spellings of one word meet: "organisation" and "organization", "centre" and
 * "center", "defence" and "defense". The texts mix them (the bundled book writes "center" 30 times
 * and "centre" 10), and Porter2 stems each spelling apart (organis, organ), so without this a reader
 * who spells one way misses the passages written the other — or meets them only in the typo stage,
 * below every exact hit. The list is american-british-english-translator's British → American
 * table (1,738 words); WordNet, whose synonyms the query asks, spells American too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const SPELLING_PACKAGE = { name: 'american-british-english-translator', version: '0.2.1', table: 'data/british_spellings.json' };

function load(): ReadonlyMap<string, string> {
  const file = createRequire(import.meta.url).resolve(`${SPELLING_PACKAGE.name}/${SPELLING_PACKAGE.table}`);
  const table: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof table !== 'object' || table === null) throw new Error(`search/spelling: ${file} is not a JSON object; reinstall ${SPELLING_PACKAGE.name}@${SPELLING_PACKAGE.version} (npm ci)`);
  const pairs = Object.entries(table).filter((e): e is [string, string] => typeof e[1] === 'string' && /^[a-z]+$/.test(e[0]) && /^[a-z]+$/.test(e[1]));
  return new Map(pairs);
}

const AMERICAN = load();

/** The American spelling of a lower-case Latin word, or the word itself. */
export function americanSpelling(word: string): string {
  return AMERICAN.get(word) ?? word;
}

/** The first letters of the British spellings whose American one begins with another letter (aesthetic: esthetic). */
export const FIRST_LETTER_CHANGED: ReadonlySet<string> = new Set([...AMERICAN].filter(([british, american]) => british[0] !== american[0]).map(([british]) => british[0]!));

/** How many British spellings are read, for the analysis fingerprint. */
export const spellingCount = (): number => AMERICAN.size;
