/**
 * The packed WordNet table (src/search/expand/wordnet-packed.ts) must say exactly what the JSON
 * table says, and a packed file that is not of this very table must never be used.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { WORDNET_FORMAT_VERSION, type WordnetTable } from '../src/search/expand/wordnet-compile.ts';
import { PACKED_VERSION, packWordnet, unpackWordnet } from '../src/search/expand/wordnet-packed.ts';
import { irregularForms, load, WORDNET_FILE } from '../src/search/expand/wordnet.ts';
import { sha256 } from '../src/hash.ts';

const raw = readFileSync(WORDNET_FILE);
const source = sha256(raw);
const table = JSON.parse(gunzipSync(raw).toString('utf8')) as WordnetTable;
const dir = mkdtempSync(path.join(tmpdir(), 'lectern-wordnet-packed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const same = (a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined) => Array.from(a ?? []).join() === Array.from(b ?? []).join();

describe('GIVEN the bundled WordNet table packed', () => {
  const view = unpackWordnet(packWordnet(table, WORDNET_FORMAT_VERSION, source), WORDNET_FORMAT_VERSION, source);

  it('THEN every stem is found under its own number, and words WordNet lacks are not', () => {
    const wrong = table.stems.filter((s, i) => view.stemId(s) !== i || view.stem(i) !== s);
    expect(wrong).toEqual([]);
    for (const s of ['', 'qqqzzz', 'Сталин', 'exoneratee']) expect(view.stemId(s)).toBeUndefined();
  });

  it("THEN every synset's members, relations, broader/narrower synsets, derivations and part of speech are the table's", () => {
    const bad: number[] = [];
    for (let s = 0; s < table.members.length; s++) {
      const ok =
        same(view.members(s), table.members[s]) &&
        same(view.related(s), table.related[s]) &&
        same(view.broader(s), table.broader[s]) &&
        same(view.narrower(s), table.narrower[s]) &&
        same(view.lexical(s), table.lexical[s]) &&
        view.pos(s) === ((table as { pos?: string }).pos?.[s] ?? '');
      if (!ok) bad.push(s);
    }
    expect(bad).toEqual([]);
  });

  it("THEN every stem's senses, the irregular forms, the phrases and the participles' senses are the table's", () => {
    const senses = new Map<number, number[]>();
    for (let i = 0; i < table.senses.length; i += 2 + table.senses[i + 1]!) senses.set(table.senses[i]!, table.senses.slice(i + 2, i + 2 + table.senses[i + 1]!));
    const bad = table.stems.filter((_, i) => !same(view.senses(i), senses.get(i)) || (view.senses(i) === undefined) !== !senses.has(i));
    expect(bad).toEqual([]);
    expect(view.irregular).toEqual(table.irregular);
    // A word that names something on Object's prototype is no irregular form ("constructor" made a quote fail).
    for (const k of ['constructor', 'tostring', 'valueof', '__proto__', 'hasownproperty']) expect(view.irregular[k], k).toBeUndefined();
    expect(irregularForms('constructor')).toEqual([]);
    const participles = (table as { participles?: Record<string, number[]> }).participles ?? {};
    expect(Object.keys(table.phrases).length).toBeGreaterThan(10_000);
    expect(Object.keys(participles).length).toBeGreaterThan(1_000);
    expect(Object.entries(table.phrases).filter(([k, v]) => !same(view.phrase(k), v) || view.phrase(k) === undefined)).toEqual([]);
    expect(Object.entries(participles).filter(([k, v]) => !same(view.participle(k), v) || view.participle(k) === undefined)).toEqual([]);
    // Words and phrases the table does not list, halves of listed ones, and names on Object's prototype are none.
    for (const k of ['', 'call', 'off call', 'constructor', '__proto__', 'tostring', 'call of', 'exonerated', 'сын']) {
      if (Object.hasOwn(table.phrases, k)) expect(same(view.phrase(k), table.phrases[k]), k).toBe(true);
      else expect(view.phrase(k), k).toBeUndefined();
      if (Object.hasOwn(participles, k)) expect(same(view.participle(k), participles[k]), k).toBe(true);
      else expect(view.participle(k), k).toBeUndefined();
    }
  });

  it("THEN every synset's multi-word members are the phrases the table lists it for (all their senses), when it has single-word members or two phrases and is no noun's", () => {
    const of = new Map<number, string[]>();
    for (const [k, synsets] of Object.entries(table.phrases)) for (const s of table.memberOf?.[k] ?? synsets) of.set(s, [...(of.get(s) ?? []), k]);
    for (const [s, list] of of) if (table.members[s]!.length === 0 && (table.pos[s] === 'n' || list.length < 2)) of.delete(s);
    const bad: number[] = [];
    for (let s = 0; s < table.members.length; s++) if (view.phrasesOf(s).join('|') !== (of.get(s) ?? []).join('|')) bad.push(s);
    expect(bad).toEqual([]);
    expect(new Set(view.memberPhrases())).toEqual(new Set([...of.values()].flat()));
    // "talk into" is kept for the word a step up (persuade), no synset of it has a single word: no one's synonym.
    expect(view.memberPhrases()).not.toContain('talk into');
    expect(view.memberPhrases()).toContain('call off');
    // A synset of phrases only (again and again, over and over again, time and again): each is the others' synonym.
    expect(view.memberPhrases()).toContain('over and over again');
    expect(view.phrasesOf(view.phrase('again and again')![0]!)).toContain('time and again');
  });
});

describe('GIVEN a packed file beside the table', () => {
  const packed = path.join(dir, 'relations.bin');

  it('THEN the first load makes it, and the next reads it as it is', () => {
    load(WORDNET_FILE, packed);
    const made = statSync(packed).mtimeMs;
    const view = load(WORDNET_FILE, packed);
    expect(statSync(packed).mtimeMs).toBe(made);
    expect(view.stemId(table.stems[100]!)).toBe(100);
  });

  for (const [what, spoil] of [
    ['made from another table', (b: Buffer) => Buffer.from(b.toString('latin1').replace(source, 'f'.repeat(64)), 'latin1')],
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 1000)],
    ['of an older packed format', (b: Buffer) => Buffer.from(b.toString('latin1').replace(`"version":${PACKED_VERSION}`, `"version":${PACKED_VERSION - 1}`), 'latin1')],
    ['whose phrases do not fit their offsets', (b: Buffer) => Buffer.from(b.toString('latin1').replace(/"phraseData":\[(\d+),(\d+)\]/, (_, at: string, n: string) => `"phraseData":[${at},${Number(n) - 4}]`), 'latin1')],
    ['not a packed table at all', () => Buffer.from('{"format":"something else"}\n')],
  ] as const) {
    it(`THEN one ${what} is not used but made again`, () => {
      load(WORDNET_FILE, packed);
      writeFileSync(packed, spoil(readFileSync(packed)));
      const view = load(WORDNET_FILE, packed);
      expect(view.stemId(table.stems[200]!)).toBe(200);
      expect(() => unpackWordnet(readFileSync(packed), WORDNET_FORMAT_VERSION, source)).not.toThrow();
    });
  }

  it('THEN a folder that cannot be written still gives the table', () => {
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, '');
    const view = load(WORDNET_FILE, path.join(blocker, 'wordnet', 'relations.bin'));
    expect(view.stemId(table.stems[300]!)).toBe(300);
  });
});
