/**
 * The WordNet table (data/wordnet/relations.json.gz) as flat typed arrays, kept in
 * `.cache/wordnet/`. Parsing the JSON table builds ~350,000 small arrays and a map of 64,000 stems:
 * ~0.15 s of CPU and as much again in garbage collection, on the first query of every process that
 * needs a synonym — most of a one-shot CLI answer. The packed copy is read as it lies: a stem is
 * found through a hash table of stem numbers, and each synset's lists are slices of one array.
 *
 * The file is a cache: its header names its format and version, the table version it was made from
 * and the SHA-256 of that table's file; any difference, a short file or an offset out of bounds, and
 * it is made again from the table (and written, when the folder can be written).
 *
 * Version 2 packs the multi-word lemmas and the participles' own senses as the stems are packed (a
 * hash table of their text, each one's synsets a slice of one array), and keeps only the irregular
 * forms as JSON: version 1 held all three as one JSON document of 550 KB, whose parse (~17,000
 * phrases, each its own array) cost every process that read one of them ~25 ms of CPU and its garbage.
 * Version 3 keeps a synset's broader and narrower synsets apart, as table version 7 does.
 * Version 4 adds each synset's multi-word members (the phrases of the table whose senses it is
 * among, when it has single-word members too), inverted from the phrases as they are packed: a
 * query word reaches its synonym "called off" (cancel) and a passage's text is read for them
 * (passage-phrases.ts) without every process inverting ~17,000 phrases first.
 * Version 5 counts a phrase a member too of a verb's, adjective's or adverb's synset whose members
 * are all phrases, when the table keeps two of them for it (table version 9): "again and again" is
 * "over and over again", "stands up" is "holds up", though no single word says either; and of a
 * synset among its rare senses (the table's memberOf).
 */
import { readFileSync } from 'node:fs';
import { writeCacheSync } from '../../atomic-write.ts';
import type { WordnetTable } from './wordnet-compile.ts';

const FORMAT = 'lectern.wordnet-packed';
export const PACKED_VERSION = 5;
const ALIGN = 8;

/** What the search reads of WordNet, whichever form it was loaded from. */
export interface WordnetView {
  stemId(stem: string): number | undefined;
  stem(id: number): string;
  /** How many stems the table numbers (0 … stemCount - 1). */
  readonly stemCount: number;
  /** A stem's synsets, most frequent first; undefined when the table lists none for it (an empty list when it lists it without senses). */
  senses(id: number): Int32Array | undefined;
  members(synset: number): Int32Array;
  related(synset: number): Int32Array;
  /** Hypernyms (and an instance's class). */
  broader(synset: number): Int32Array;
  /** Hyponyms (and instances). */
  narrower(synset: number): Int32Array;
  /** Triples: source word's stem, target synset, target word's stem. */
  lexical(synset: number): Int32Array;
  /** The synset's part of speech letter, when the table has them. */
  pos(synset: number): string;
  readonly irregular: Record<string, string>;
  /** A multi-word lemma's synsets ("call off"), undefined when WordNet lists no such phrase. */
  phrase(words: string): Int32Array | undefined;
  /** An adjective participle's own synsets ("missing"), undefined when it is none (see WordnetTable.participles). */
  participle(form: string): Int32Array | undefined;
  /**
   * The synset's multi-word members ("call off" of cancel's synset): the phrases whose senses it
   * is among (the table keeps a phrase's three most frequent), when it has single-word members too.
   */
  phrasesOf(synset: number): string[];
  /** Every phrase that is a multi-word member of some synset with single-word members (phrasesOf), each once. */
  memberPhrases(): readonly string[];
}

interface Header {
  format: string;
  version: number;
  table: number;
  source: string;
  body: number;
  sections: Record<string, [offset: number, bytes: number]>;
}

const INT_SECTIONS = [
  'stemOff',
  'hash',
  'sensesOff',
  'sensesData',
  'membersOff',
  'membersData',
  'relatedOff',
  'relatedData',
  'broaderOff',
  'broaderData',
  'narrowerOff',
  'narrowerData',
  'lexicalOff',
  'lexicalData',
  'phraseOfOff',
  'phraseOfData',
] as const;
type IntSection = (typeof INT_SECTIONS)[number];
/** Strings mapped to lists of synsets (phrases, participles): each as these sections, after its name. */
const KEYED_PARTS = ['KeyOff', 'Hash', 'Off', 'Data', 'Text'] as const;
const KEYED = ['phrase', 'participle'] as const;
const KEYED_SECTIONS = KEYED.flatMap((name) => KEYED_PARTS.map((part) => `${name}${part}`));

/** FNV-1a over UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function tableSize(n: number): number {
  let size = 1024;
  while (size < n * 2) size *= 2;
  return size;
}

/** Lists as offsets (one more than lists) and their concatenation. */
function csr(count: number, listOf: (i: number) => ArrayLike<number> | undefined): [Int32Array, Int32Array] {
  const off = new Int32Array(count + 1);
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += listOf(i)?.length ?? 0;
    off[i + 1] = total;
  }
  const data = new Int32Array(total);
  for (let i = 0; i < count; i++) {
    const list = listOf(i);
    if (list) data.set(list as ArrayLike<number>, off[i]!);
  }
  return [off, data];
}

/** Offsets of the strings' text (one more than strings) and a hash table of their numbers plus one (0: empty). */
function keyTable(keys: readonly string[]): { off: Int32Array; hash: Int32Array } {
  const off = new Int32Array(keys.length + 1);
  for (let i = 0; i < keys.length; i++) off[i + 1] = off[i]! + keys[i]!.length;
  const hash = new Int32Array(tableSize(keys.length));
  const mask = hash.length - 1;
  keys.forEach((s, i) => {
    let slot = hashOf(s) & mask;
    while (hash[slot] !== 0) slot = (slot + 1) & mask;
    hash[slot] = i + 1;
  });
  return { off, hash };
}

/** The number of `s` in a key table over `text`, or undefined. */
function findKey(s: string, text: string, off: Int32Array, hash: Int32Array): number | undefined {
  const mask = hash.length - 1;
  for (let slot = hashOf(s) & mask; ; slot = (slot + 1) & mask) {
    const v = hash[slot]!;
    if (v === 0) return undefined;
    const id = v - 1;
    const from = off[id]!;
    if (off[id + 1]! - from === s.length && text.startsWith(s, from)) return id;
  }
}

/** A string → synsets map as the sections of `name` (KEYED_PARTS). */
function keyedBlobs(name: string, map: Record<string, number[]>): [string, Uint8Array][] {
  const keys = Object.keys(map);
  const { off, hash } = keyTable(keys);
  const [listOff, listData] = csr(keys.length, (i) => map[keys[i]!]);
  const ints = (a: Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return [
    [`${name}KeyOff`, ints(off)],
    [`${name}Hash`, ints(hash)],
    [`${name}Off`, ints(listOff)],
    [`${name}Data`, ints(listData)],
    [`${name}Text`, Buffer.from(keys.join(''), 'utf8')],
  ];
}

/**
 * Synset → the numbers of its multi-word members, in the order `keyedBlobs` numbers the phrases:
 * a phrase counts as a member of each synset the table lists for it that has single-word members
 * (a phrase the table keeps for its broader or narrower words alone, "talk into", is no one's synonym),
 * or that is a verb's, adjective's or adverb's and has another such phrase ("again and again":
 * "over and over again").
 */
function memberPhraseIds(table: WordnetTable): (synset: number) => number[] | undefined {
  const of = new Map<number, number[]>();
  Object.entries(table.phrases ?? {}).forEach(([key, synsets], id) => {
    for (const s of table.memberOf?.[key] ?? synsets) {
      const list = of.get(s);
      if (list) list.push(id);
      else of.set(s, [id]);
    }
  });
  for (const [s, list] of of) if ((table.members[s]?.length ?? 0) === 0 && ((table.pos ?? '')[s] === 'n' || list.length < 2)) of.delete(s);
  return (synset) => of.get(synset);
}

/** The packed file's bytes for a table; `source` is the SHA-256 of the table's file. */
export function packWordnet(table: WordnetTable, tableVersion: number, source: string): Buffer {
  const stems = table.stems;
  const text = stems.join('');
  const { off: stemOff, hash } = keyTable(stems);
  const senses = new Map<number, number[]>();
  for (let i = 0; i < table.senses.length; ) {
    const n = table.senses[i + 1]!;
    senses.set(table.senses[i]!, table.senses.slice(i + 2, i + 2 + n));
    i += 2 + n;
  }
  const synsets = table.members.length;
  const ints: Record<IntSection, Int32Array> = {} as Record<IntSection, Int32Array>;
  ints.stemOff = stemOff;
  ints.hash = hash;
  [ints.sensesOff, ints.sensesData] = csr(stems.length, (i) => senses.get(i));
  [ints.membersOff, ints.membersData] = csr(synsets, (i) => table.members[i]);
  [ints.relatedOff, ints.relatedData] = csr(synsets, (i) => table.related[i]);
  [ints.broaderOff, ints.broaderData] = csr(synsets, (i) => table.broader[i]);
  [ints.narrowerOff, ints.narrowerData] = csr(synsets, (i) => table.narrower[i]);
  [ints.lexicalOff, ints.lexicalData] = csr(synsets, (i) => table.lexical[i]);
  [ints.phraseOfOff, ints.phraseOfData] = csr(synsets, memberPhraseIds(table));
  const pos = (table as { pos?: string }).pos ?? '';
  const blobs: [string, Uint8Array][] = [
    ...INT_SECTIONS.map((name): [string, Uint8Array] => [name, new Uint8Array(ints[name].buffer, ints[name].byteOffset, ints[name].byteLength)]),
    ['text', Buffer.from(text, 'utf8')],
    ['pos', Buffer.from(pos, 'latin1')],
    // A stem listed with no senses is not a stem without a list: the first has no relations, the second may be an irregular form's.
    ['listed', Uint8Array.from(stems, (_, i) => (senses.has(i) ? 1 : 0))],
    ['irregular', Buffer.from(JSON.stringify(table.irregular ?? {}), 'utf8')],
    ...keyedBlobs('phrase', table.phrases ?? {}),
    ...keyedBlobs('participle', (table as { participles?: Record<string, number[]> }).participles ?? {}),
  ];
  const sections: Header['sections'] = {};
  let at = 0;
  for (const [name, bytes] of blobs) {
    sections[name] = [at, bytes.byteLength];
    at += Math.ceil(bytes.byteLength / ALIGN) * ALIGN;
  }
  const header: Header = { format: FORMAT, version: PACKED_VERSION, table: tableVersion, source, body: at, sections };
  let head = JSON.stringify(header);
  head += ' '.repeat((ALIGN - ((head.length + 1) % ALIGN)) % ALIGN) + '\n';
  const out = Buffer.alloc(head.length + at);
  out.write(head, 0, 'latin1');
  for (const [name, bytes] of blobs) out.set(bytes, head.length + sections[name]![0]);
  return out;
}

/** Why a packed file cannot be used for this table, or undefined. */
function headerProblem(h: Partial<Header>, tableVersion: number, source: string, bodyBytes: number): string | undefined {
  if (h.format !== FORMAT || h.version !== PACKED_VERSION) return `format ${String(h.format)} v${String(h.version)}, not ${FORMAT} v${PACKED_VERSION}`;
  if (h.table !== tableVersion || h.source !== source) return 'made from another WordNet table';
  if (h.body !== bodyBytes) return `${bodyBytes} bytes of data where the header says ${String(h.body)}`;
  for (const name of [...INT_SECTIONS, 'text', 'pos', 'listed', 'irregular', ...KEYED_SECTIONS]) {
    const s = h.sections?.[name];
    if (!s || s[0] % ALIGN !== 0 || s[0] < 0 || s[1] < 0 || s[0] + s[1] > bodyBytes || (!/Text$|^(?:text|pos|listed|irregular)$/.test(name) && s[1] % 4 !== 0)) return `section ${name} is missing or out of bounds`;
  }
  return undefined;
}

/** A view over a packed file's bytes; throws, naming what is wrong, when they are not a packed table for this one. */
export function unpackWordnet(buf: Buffer, tableVersion: number, source: string): WordnetView {
  const nl = buf.indexOf(10);
  if (nl < 0 || (nl + 1) % ALIGN !== 0) throw new Error('not a packed WordNet table');
  let header: Partial<Header>;
  try {
    header = JSON.parse(buf.toString('latin1', 0, nl)) as Partial<Header>;
  } catch {
    throw new Error('not a packed WordNet table');
  }
  // Typed arrays need their offset aligned: copy when the file's buffer is not (a pooled Buffer).
  const base = (buf.byteOffset + nl + 1) % ALIGN === 0 ? buf : Buffer.from(buf);
  const start = base.byteOffset + nl + 1;
  const problem = headerProblem(header, tableVersion, source, buf.length - nl - 1);
  if (problem) throw new Error(problem);
  const sections = header.sections!;
  const int = (name: string) => new Int32Array(base.buffer, start + sections[name]![0], sections[name]![1] / 4);
  const bytes = (name: string) => base.subarray(nl + 1 + sections[name]![0], nl + 1 + sections[name]![0] + sections[name]![1]);
  const a = Object.fromEntries(INT_SECTIONS.map((n) => [n, int(n)])) as Record<IntSection, Int32Array>;
  const text = bytes('text').toString('utf8');
  const pos = bytes('pos').toString('latin1');
  const listed = bytes('listed');
  const count = a.stemOff.length - 1;
  const synsets = a.membersOff.length - 1;
  const offsets: [IntSection, IntSection, number][] = [
    ['sensesOff', 'sensesData', count],
    ['membersOff', 'membersData', synsets],
    ['relatedOff', 'relatedData', synsets],
    ['broaderOff', 'broaderData', synsets],
    ['narrowerOff', 'narrowerData', synsets],
    ['lexicalOff', 'lexicalData', synsets],
    ['phraseOfOff', 'phraseOfData', synsets],
  ];
  for (const [off, data, n] of offsets) {
    if (a[off].length !== n + 1 || a[off][n] !== a[data].length) throw new Error(`section ${off} does not fit ${data}`);
  }
  if (a.stemOff[count] !== text.length || listed.length !== count) throw new Error('the stems do not fit their offsets');
  if ((a.hash.length & (a.hash.length - 1)) !== 0) throw new Error('the stem hash table is not a power of two');
  const slice = (off: Int32Array, data: Int32Array, i: number) => (i >= 0 && i + 1 < off.length ? data.subarray(off[i]!, off[i + 1]!) : EMPTY);
  const stem = (id: number) => text.slice(a.stemOff[id]!, a.stemOff[id + 1]!);
  const keyed = Object.fromEntries(KEYED.map((name) => [name, keyedView(name, int, bytes)])) as Record<(typeof KEYED)[number], (key: string) => Int32Array | undefined>;
  let irregular: Record<string, string> | undefined;
  const phraseKey = keyText('phrase', int, bytes);
  // Checked here, so that a damaged file is made again rather than failing a query later.
  for (const id of a.phraseOfData) phraseKey(id);
  let members: string[] | undefined;
  return {
    stemId: (s) => findKey(s, text, a.stemOff, a.hash),
    stem,
    stemCount: count,
    senses: (id) => (listed[id] === 1 ? slice(a.sensesOff, a.sensesData, id) : undefined),
    members: (s) => slice(a.membersOff, a.membersData, s),
    related: (s) => slice(a.relatedOff, a.relatedData, s),
    broader: (s) => slice(a.broaderOff, a.broaderData, s),
    narrower: (s) => slice(a.narrowerOff, a.narrowerData, s),
    lexical: (s) => slice(a.lexicalOff, a.lexicalData, s),
    pos: (s) => pos[s] ?? '',
    get irregular() {
      // Without a prototype: a query word is looked up in it, and "constructor" is no irregular form of anything.
      return (irregular ??= Object.setPrototypeOf(JSON.parse(bytes('irregular').toString('utf8')), null) as Record<string, string>);
    },
    phrase: keyed.phrase,
    participle: keyed.participle,
    phrasesOf: (s) => Array.from(slice(a.phraseOfOff, a.phraseOfData, s), phraseKey),
    memberPhrases: () => (members ??= [...new Set(Array.from(a.phraseOfData, phraseKey))]),
  };
}

/** A keyed map's key by its number (`keyedBlobs`); its sections were checked by `keyedView`. */
function keyText(name: string, int: (section: string) => Int32Array, bytes: (section: string) => Buffer): (id: number) => string {
  const keyOff = int(`${name}KeyOff`);
  const text = bytes(`${name}Text`).toString('utf8');
  return (id) => {
    if (!(id >= 0 && id + 1 < keyOff.length)) throw new Error(`no ${name} numbered ${id}`);
    return text.slice(keyOff[id]!, keyOff[id + 1]!);
  };
}

/** Lookups in the sections of a string → synsets map (`keyedBlobs`); throws when they do not fit together. */
function keyedView(name: string, int: (section: string) => Int32Array, bytes: (section: string) => Buffer): (key: string) => Int32Array | undefined {
  const [keyOff, hash, off, data] = [int(`${name}KeyOff`), int(`${name}Hash`), int(`${name}Off`), int(`${name}Data`)];
  const text = bytes(`${name}Text`).toString('utf8');
  const count = keyOff.length - 1;
  if (count < 0 || keyOff[count] !== text.length || off.length !== count + 1 || off[count] !== data.length) throw new Error(`the ${name} sections do not fit together`);
  if (hash.length === 0 || (hash.length & (hash.length - 1)) !== 0) throw new Error(`the ${name} hash table is not a power of two`);
  return (key) => {
    const id = findKey(key, text, keyOff, hash);
    return id === undefined ? undefined : data.subarray(off[id]!, off[id + 1]!);
  };
}
const EMPTY = new Int32Array(0);

/** Writes the packed file so that a reader never sees half of it; a folder that cannot be written is no error. */
export function savePacked(file: string, bytes: Buffer): boolean {
  try {
    writeCacheSync(file, bytes);
    return true;
  } catch {
    return false;
  }
}

/** The packed file's bytes, or undefined when there is none. */
export function readPacked(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
