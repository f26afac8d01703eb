/**
 * The project's own `/quote` cases (issue 12): test/fixtures/search-own/cases.json and any
 * cases-<name>.json beside it. Several people write cases at once; a file each keeps their
 * additions from colliding at the end of one array, and the eval and the tests read them as one set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import type { QuoteCase } from './quote-score.ts';

export const OWN_CASES_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'search-own');

export function ownCaseFiles(dir = OWN_CASES_DIR): string[] {
  const extra = readdirSync(dir).filter((f) => /^cases-[\w-]+\.json$/.test(f)).sort();
  return ['cases.json', ...extra].map((f) => path.join(dir, f));
}

export function loadOwnCases(dir = OWN_CASES_DIR): QuoteCase[] {
  const cases: QuoteCase[] = [];
  const seen = new Set<string>();
  for (const file of ownCaseFiles(dir)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as QuoteCase[] | { cases: QuoteCase[] };
    for (const c of Array.isArray(raw) ? raw : raw.cases) {
      if (seen.has(c.id)) throw new Error(`own cases: id ${c.id} appears twice (${path.basename(file)}); give each case its own id`);
      seen.add(c.id);
      cases.push(c);
    }
  }
  return cases;
}
