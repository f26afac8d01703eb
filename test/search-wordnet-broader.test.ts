/**
 * WordNet's broader words (hypernyms) weigh below its narrower ones (hyponyms) and below synonyms
 * (src/search/expand/wordnet.ts BROADER): "exonerated" is pronounced and judged, but so is every
 * verdict, while a referendum is a kind of vote. The table keeps the two apart since format 7
 * (wordnet-compile.ts); a table of the format before is refused with the command that remakes it.
 * Words chosen from the bundled corpus's own wording (rehabilitated, the capitalist press,
 * contested elections); none is a case of ../shared/eval.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { stemEnglish } from '../src/search/analyse/stem.ts';
import { WORDNET_FORMAT_VERSION, type WordnetTable } from '../src/search/expand/wordnet-compile.ts';
import { BROADER, load, NEAR, relatedStems, SYNONYM, WORDNET_FILE } from '../src/search/expand/wordnet.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'lectern-wordnet-broader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const weights = (word: string, pos: string) => new Map(relatedStems(stemEnglish(word), new Set([pos]) as ReadonlySet<'n' | 'v' | 'a' | 'r'>).map((r) => [r.term, r.weight]));

describe('GIVEN a verb whose broader words are vaguer than it (exonerate: pronounce, label, judge)', () => {
  it('THEN they weigh below its synonyms and below the narrower words around its derivation', () => {
    const exonerate = weights('exonerate', 'v');
    expect(exonerate.get('acquit')).toBe(SYNONYM);
    // exonerate → exoneration → vindication, whose narrower word is rehabilitation (the texts' word).
    expect(exonerate.get('rehabilit')).toBe(NEAR);
    for (const broader of ['pronounc', 'judg', 'label']) expect(exonerate.get(broader), broader).toBe(BROADER);
    expect(BROADER).toBeLessThan(NEAR);
  });
});

describe('GIVEN a noun with both narrower and broader words (vote: referendum, election; choice, selection)', () => {
  it('THEN the narrower ones weigh as near words, the broader ones less, and both are still reached', () => {
    const vote = weights('vote', 'n');
    expect(vote.get('referendum')).toBe(NEAR);
    expect(vote.get('elect')).toBe(NEAR);
    expect(vote.get('choic')).toBe(BROADER);
    // "the capitalist press": newspaper's broader word is still a relation, only a weaker one.
    expect(weights('newspaper', 'n').get('press')).toBe(BROADER);
  });
});

describe('GIVEN a WordNet table of an older format (before broader and narrower were kept apart, or a phrase kept six senses)', () => {
  it('THEN it is refused, naming the command that remakes it, and never read as the current one', () => {
    const table = JSON.parse(gunzipSync(readFileSync(WORDNET_FILE)).toString('utf8')) as WordnetTable & { near?: number[][] };
    expect(table.version).toBe(WORDNET_FORMAT_VERSION);
    expect(table.broader.length).toBe(table.members.length);
    expect(table.narrower.length).toBe(table.members.length);
    const { broader, narrower, ...rest } = table;
    const old = { ...rest, version: WORDNET_FORMAT_VERSION - 1, near: broader.map((up, i) => [...up, ...narrower[i]!]) };
    const file = path.join(dir, 'relations.json.gz');
    writeFileSync(file, gzipSync(JSON.stringify(old)));
    const refused = new RegExp(`v${WORDNET_FORMAT_VERSION - 1}, this Lectern reads lectern\\.wordnet v${WORDNET_FORMAT_VERSION}: run npm run wordnet`);
    expect(() => load(file, path.join(dir, 'relations.bin'))).toThrow(refused);
  });
});
