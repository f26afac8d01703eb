/**
 * Translation pairs: the English translation the text itself gives for a Russian or French passage.
 * A label ("Translated:", "English Translation:", "From The Red Book:") joins the two sides; the
 * original is the run of non-English passages just before it, the translation the English passages
 * just after it. Footnote bodies and page furniture between them are skipped; a stray English
 * fragment right after the label (a footnote's continuation) is skipped only when the evidence says
 * a later passage is the translation. Russian → French → English chains ("From the Livre rouge:" …
 * "From The Red Book:") keep the French as the intermediate side. Every pair is then aligned sentence
 * by sentence and given a confidence from the evidence (pair-evidence.ts).
 */
import type { Lang } from '../model.ts';
import { confidence, EXPECTED_RATIO } from './pair-evidence.ts';
import { alignSentences, beadsConfidence, segmentsFromBeads, type Bead } from './sentence-align.ts';
import type { RawBlock } from './structure.ts';
import { detectLang } from './text.ts';

export interface RawPair {
  original: number[];
  via: number[];
  translation: number[];
  originalLang: Lang;
  translationLang: Lang;
  label: string;
  segments: [number[], number[]][];
  /** Confidence of the whole pair, and of each segment, in [0, 1] (see pair-evidence.ts). */
  confidence: number;
  segmentConfidence: number[];
  /** Sentence matches; block references are indices of raw blocks, as strings. */
  beads: Bead[];
  /** Sentence matches of the intermediate translation (French) with the English, in a Russian → French → English chain. */
  viaBeads: Bead[];
  /** Blocks between the label and the translation that belong to neither side (footnote text). */
  skipped: number[];
}

const isPassage = (b: RawBlock) => b.kind === 'paragraph' || b.kind === 'quotation' || b.kind === 'list-item';

/** The language of a passage's own words, quotations left out: an English lead-in that quotes a French title is English. */
export function ownLanguage(text: string): Lang {
  const outside = text.replace(/"[^"]*"|“[^”]*”|«[^»]*»/gu, ' ');
  return outside.split(/\s+/).filter(Boolean).length >= 6 ? detectLang(outside) : detectLang(text);
}

/** The run of passages in a language other than English, walking back from `from`. */
function originalRun(blocks: RawBlock[], langs: Lang[], from: number): number[] {
  const run: number[] = [];
  for (let i = from; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.kind === 'footnote') continue;
    if (!isPassage(b)) break;
    if (langs[i] === 'en' || ownLanguage(b.text) === 'en') break;
    run.unshift(i);
  }
  // Undetermined lines (a date, a signature) only belong to the run between real originals.
  while (run.length && langs[run[0]!] === 'und') run.shift();
  return run;
}

/** The intermediate label ("From the Livre rouge:") of a chain ending at label `k`, or -1. */
function intermediateLabel(blocks: RawBlock[], langs: Lang[], k: number): number {
  for (let i = k - 1; i >= 0 && i >= k - 30; i--) {
    const b = blocks[i]!;
    if (b.kind === 'label') return b.label === 'intermediate' ? i : -1;
    if (b.kind === 'heading') return -1;
    if (isPassage(b) && langs[i] === 'en') return -1;
  }
  return -1;
}

/** The English passages after the label, footnotes skipped, up to the next heading, label or other language. */
function englishAfter(blocks: RawBlock[], langs: Lang[], k: number): number[] {
  const out: number[] = [];
  for (let i = k + 1; i < blocks.length && out.length < 40; i++) {
    const b = blocks[i]!;
    if (b.kind === 'footnote') continue;
    if (!isPassage(b)) break;
    if (langs[i] !== 'en' && langs[i] !== 'und') break;
    out.push(i);
  }
  return out;
}

/** Skip the first candidate only when it is clearly not the translation and one of the next two clearly is. */
function firstTranslation(blocks: RawBlock[], source: number[], candidates: number[], lang: Lang): number {
  const first = blocks[source[0]!]!.text;
  const at = (c: number) => confidence(first, blocks[candidates[c]!]!.text, lang);
  const base = at(0);
  let start = 0;
  let best = base;
  for (let c = 1; c < Math.min(3, candidates.length); c++) {
    const score = at(c);
    if (base < 0.3 && score >= 0.5 && score > best + 0.25) {
      best = score;
      start = c;
    }
  }
  return start;
}

/**
 * How many English passages make the translation: the count whose pairing with the original the
 * evidence supports best (the author's commentary follows without any mark, and adds length without
 * adding shared names and numbers). Counts whose total length strays far from the original's times
 * the usual ratio are not tried; a lead-in to the next quotation ends the run.
 */
function translationExtent(blocks: RawBlock[], source: number[], candidates: number[], lang: Lang): number[] {
  const originalText = source.map((i) => blocks[i]!.text).join(' ');
  const target = originalText.length * (EXPECTED_RATIO[lang] ?? 1);
  let best = 1;
  let bestScore = Number.NEGATIVE_INFINITY;
  let chars = 0;
  for (let k = 1; k <= candidates.length; k++) {
    const text = blocks[candidates[k - 1]!]!.text;
    if (k > 1 && /:\s*$/.test(text) && chars >= target * 0.7) break;
    chars += text.length;
    if (k > 1 && chars > target * 1.6) break;
    const score = confidence(originalText, candidates.slice(0, k).map((i) => blocks[i]!.text).join(' '), lang) - 0.002 * k;
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  // A long original (a letter) ends paragraph by paragraph: a further English paragraph that clearly
  // translates one of the original's last paragraphs still belongs to the translation.
  if (source.length >= 3) {
    const tail = source.slice(-3).map((i) => blocks[i]!.text);
    while (best < candidates.length) {
      const next = blocks[candidates[best]!]!.text;
      if (!tail.some((t) => confidence(t, next, lang) >= 0.7)) break;
      best++;
    }
  }
  const out = candidates.slice(0, best);
  while (out.length > 1 && detectLang(blocks[out.at(-1)!]!.text) === 'und') out.pop();
  return out;
}

function alignPair(blocks: RawBlock[], source: number[], translation: number[], lang: Lang) {
  const side = (ids: number[]) => ids.map((i) => ({ id: String(i), text: blocks[i]!.text }));
  const beads = alignSentences(side(source), side(translation), lang);
  const groups = segmentsFromBeads(beads);
  const text = (ids: number[]) => ids.map((i) => blocks[i]!.text).join(' ');
  return {
    beads,
    segments: groups.map((g) => [g.original.map(Number), g.translation.map(Number)] as [number[], number[]]),
    segmentConfidence: groups.map((g) =>
      g.original.length && g.translation.length ? confidence(text(g.original.map(Number)), text(g.translation.map(Number)), lang) : beadsConfidence(g.beads),
    ),
    confidence: confidence(text(source), text(translation), lang),
  };
}

export function findPairs(blocks: RawBlock[], langs: Lang[]): RawPair[] {
  const pairs: RawPair[] = [];
  blocks.forEach((label, k) => {
    if (label.kind !== 'label' || label.label !== 'translation') return;

    // Walk back to the original, through an intermediate translation if there is one.
    let via: number[] = [];
    let before = k - 1;
    const intermediate = intermediateLabel(blocks, langs, k);
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
    const lang = langs[source.find((i) => langs[i] !== 'und') ?? source[0]!]!;

    const candidates = englishAfter(blocks, langs, k);
    if (candidates.length === 0) return;
    const start = firstTranslation(blocks, source, candidates, lang);
    const translation = translationExtent(blocks, source, candidates.slice(start), lang);
    const side = (ids: number[]) => ids.map((i) => ({ id: String(i), text: blocks[i]!.text }));
    const viaLang = langs[via.find((i) => langs[i] !== 'und') ?? via[0]!] ?? 'fr';
    pairs.push({
      original: source,
      via,
      translation,
      originalLang: langs[source[0]!]!,
      translationLang: 'en',
      label: label.text.replace(/:$/, ''),
      ...alignPair(blocks, source, translation, lang),
      // The English of a chain translates the French directly, so the French is aligned with it too.
      viaBeads: via.length ? alignSentences(side(via), side(translation), viaLang) : [],
      skipped: candidates.slice(0, start),
    });
  });
  return pairs;
}
