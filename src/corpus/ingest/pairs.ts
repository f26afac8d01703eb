/**
 * Translation pairs: the English translation the text itself gives for a Russian or French passage.
 * A label ("Translated:", "English Translation:", "From The Red Book:") joins the two sides; the
 * original is the run of non-English passages just before it, the translation the English passages
 * just after it. Footnote bodies and page furniture between them are skipped; a stray English
 * fragment right after the label (a footnote's continuation) is skipped when a later passage shares
 * more names and numbers with the original. Russian → French → English chains ("From the Livre
 * rouge:" … "From The Red Book:") keep the French as the intermediate side.
 */
import type { Lang } from '../model.ts';
import { alignSegments } from './align.ts';
import type { RawBlock } from './structure.ts';
import { nameKey } from './text.ts';

export interface RawPair {
  original: number[];
  via: number[];
  translation: number[];
  originalLang: Lang;
  translationLang: Lang;
  label: string;
  segments: [number[], number[]][];
  /** Blocks between the label and the translation that belong to neither side (footnote text). */
  skipped: number[];
}

const isPassage = (b: RawBlock) => b.kind === 'paragraph' || b.kind === 'quotation' || b.kind === 'list-item';

function anchorsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const n of text.match(/\d+/g) ?? []) out.add(`#${n}`);
  for (const w of text.match(/\p{Lu}\p{Ll}{3,}/gu) ?? []) out.add(nameKey(w));
  return out;
}

function overlap(a: string, b: string): number {
  const A = anchorsOf(a);
  let n = 0;
  for (const k of anchorsOf(b)) if (A.has(k)) n++;
  return n;
}

/** The run of passages in a language other than English, walking back from `from`. */
function originalRun(blocks: RawBlock[], langs: Lang[], from: number): number[] {
  const run: number[] = [];
  for (let i = from; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.kind === 'footnote') continue;
    if (!isPassage(b)) break;
    const lang = langs[i]!;
    if (lang === 'en') break;
    run.unshift(i);
  }
  // Undetermined lines (a date, a signature) only belong to the run between real originals.
  while (run.length && langs[run[0]!] === 'und') run.shift();
  return run;
}

export function findPairs(blocks: RawBlock[], langs: Lang[]): RawPair[] {
  const pairs: RawPair[] = [];
  blocks.forEach((label, k) => {
    if (label.kind !== 'label' || label.label !== 'translation') return;

    // Walk back to the original, through an intermediate translation if there is one.
    let via: number[] = [];
    let before = k - 1;
    const intermediate = (() => {
      for (let i = k - 1; i >= 0 && i >= k - 30; i--) {
        const b = blocks[i]!;
        if (b.kind === 'label') return b.label === 'intermediate' ? i : -1;
        if (b.kind === 'heading') return -1;
        if (isPassage(b) && langs[i] === 'en') return -1;
      }
      return -1;
    })();
    if (intermediate >= 0) {
      via = blocks
        .slice(intermediate + 1, k)
        .map((_, d) => intermediate + 1 + d)
        .filter((i) => isPassage(blocks[i]!) && langs[i] !== 'en');
      before = intermediate - 1;
    }
    const original = originalRun(blocks, langs, before);
    if (original.length === 0 && via.length === 0) return;
    const source = original.length ? original : via;
    if (!original.length) via = [];

    // The English candidates after the label, footnotes skipped.
    const candidates: number[] = [];
    for (let i = k + 1; i < blocks.length && candidates.length < 40; i++) {
      const b = blocks[i]!;
      if (b.kind === 'footnote') continue;
      if (!isPassage(b)) break;
      if (langs[i] !== 'en' && langs[i] !== 'und') break;
      candidates.push(i);
    }
    if (candidates.length === 0) return;
    const firstOriginal = blocks[source[0]!]!.text;
    let start = 0;
    let best = overlap(firstOriginal, blocks[candidates[0]!]!.text);
    for (let c = 1; c < Math.min(3, candidates.length); c++) {
      const score = overlap(firstOriginal, blocks[candidates[c]!]!.text);
      // Only skip the first English passage when it shares nothing with the original.
      if (best === 0 && score > 0 && score > best) {
        best = score;
        start = c;
      }
    }
    const skipped = candidates.slice(0, start);

    // Take as many English passages as the original has, stopping once their length is about the
    // original's (the author's commentary follows the translation without any mark).
    const originalChars = source.reduce((s, i) => s + blocks[i]!.text.length, 0);
    const translation: number[] = [];
    let chars = 0;
    for (const i of candidates.slice(start)) {
      if (translation.length >= source.length) break;
      if (translation.length > 0 && chars >= originalChars * 0.75) break;
      translation.push(i);
      chars += blocks[i]!.text.length;
    }
    while (translation.length > 1 && langs[translation.at(-1)!] === 'und') translation.pop();

    const side = (ids: number[]) => ids.map((i) => ({ id: String(i), text: blocks[i]!.text }));
    const segments = alignSegments(side(source), side(translation)).map(
      ([a, b]) => [a.map(Number), b.map(Number)] as [number[], number[]],
    );
    pairs.push({
      original: source,
      via,
      translation,
      originalLang: langs[source[0]!]!,
      translationLang: 'en',
      label: label.text.replace(/:$/, ''),
      segments,
      skipped,
    });
  });
  return pairs;
}
