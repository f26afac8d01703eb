/**
 * How sure Lectern is that one text is the translation of another, from evidence a reader can check:
 * the length ratio, the numbers both sides carry, the names (through the search's cross-script key,
 * so Зиновьева meets Zinoviev), words that share a root across languages (революции / revolution,
 * restauration / restoration), the quotation and punctuation structure, and the position of the two
 * sides in their runs. Each kind of evidence gives a score in [0, 1] and a weight; kinds absent from
 * both sides (no numbers anywhere) carry no weight, so a short sentence is judged on what it has.
 */
import { crossScriptKey, plainLatin, transliterate } from '../../search/analyse/key.ts';
import type { Lang } from '../model.ts';

/** Translation length / original length, measured on the corpus's pairs. */
export const EXPECTED_RATIO: Partial<Record<Lang, number>> = { ru: 1.1, fr: 1.0, de: 1.05 };

/** At or above this, a pair or segment is presented as the translation the source gives. */
export const CONFIDENT = 0.5;

export interface Evidence {
  length: number;
  numbers: number | null;
  names: number | null;
  roots: number | null;
  structure: number | null;
  position: number | null;
}

const NUMBER = /\d+/g;
/** A capitalised word that does not open a sentence: a name, not "The" or "Since". */
const NAME = /(?<=[\p{L}\d,;:»"”)\]]\s+)\p{Lu}[\p{Ll}'’]{2,}|\b\p{Lu}{3,}\b/gu;
/** The share of long words whose roots a faithful translation shares with its original. */
const EXPECTED_ROOTS: Partial<Record<Lang, number>> = { ru: 0.3, fr: 0.55, de: 0.4 };
const WORD = /\p{L}{5,}/gu;

export function numbersOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const n of text.match(NUMBER) ?? []) if (n.length <= 4) out.add(String(Number(n)));
  return out;
}

const nameKey = (w: string) => crossScriptKey(w.toLowerCase().replace(/['’]s$/u, '').replace(/['’]/g, ''));

/** Cross-script keys of the capitalised words: the names a translation keeps. */
export function namesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.match(NAME) ?? []) {
    const k = nameKey(w);
    if (k) out.add(k);
  }
  return out;
}

/** A capitalised word right after a lower-case word: a name, or a sentence whose full stop the text lost. */
const AFTER_LOWER = /(?<=(?:^|[\s(«"“])\p{Ll}[\p{L}'’-]*\s+)\p{Lu}[\p{Ll}'’]{2,}/gu;

/**
 * Sentence openings that lost their full stop on both sides at the same place ("…это скорее Прошу
 * подтвердить…" / "…it's faster Please confirm…"): a capitalised word after a lower-case word that the
 * other side does not carry, facing such a word at about the same relative place there. They are
 * not names; a known name (one the other side carries) always counts.
 */
export function lostSentenceOpenings(a: string, b: string): Set<string> {
  const words = (text: string, other: string) => {
    const known = new Set((other.match(/\p{Lu}[\p{Ll}'’]{2,}/gu) ?? []).map(nameKey));
    return [...text.matchAll(AFTER_LOWER)]
      .map((m) => ({ key: nameKey(m[0]) ?? '', at: m.index! / Math.max(1, text.length) }))
      .filter((w) => w.key && !known.has(w.key));
  };
  const wa = words(a, b);
  const wb = words(b, a);
  const out = new Set<string>();
  for (const x of wa) {
    const k = wb.findIndex((y) => Math.abs(x.at - y.at) <= 0.15);
    if (k < 0) continue;
    out.add(x.key);
    out.add(wb[k]!.key);
    wb.splice(k, 1);
  }
  return out;
}

function namesWithout(text: string, drop: Set<string>): Set<string> {
  const out = namesOf(text);
  for (const k of drop) out.delete(k);
  return out;
}

/** A root shared across languages: the first four letters of a long word, spelt the Latin way (k for c, f for ph). */
export function rootsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.match(WORD) ?? []) {
    const r = plainLatin(transliterate(w.toLowerCase()))
      .replace(/ph/g, 'f')
      .replace(/th/g, 't')
      .replace(/c/g, 'k')
      .replace(/[yj]/g, 'i')
      .replace(/x/g, 'ks')
      .replace(/w/g, 'v')
      .replace(/[^a-z]/g, '')
      .slice(0, 4);
    if (r.length === 4) out.add(r);
  }
  return out;
}

/** Shared / the smaller side, or null when neither side has any. A side with none against one with several scores 0. */
function agreement(a: Set<string>, b: Set<string>): number | null {
  if (a.size === 0 && b.size === 0) return null;
  if (a.size === 0 || b.size === 0) return Math.max(a.size, b.size) >= 2 ? 0 : null;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return Math.min(1, shared / Math.min(a.size, b.size));
}

const scaled = (v: number | null, expected: number) => (v === null ? null : Math.min(1, v / expected));

function structureOf(text: string): number[] {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  return [count(/[«“"]/g) + count(/[»”]/g), count(/\?/g), count(/:/g), count(/[([]/g), count(/;/g)];
}

function structureAgreement(a: string, b: string): number | null {
  const x = structureOf(a);
  const y = structureOf(b);
  const total = x.reduce((s, v) => s + v, 0) + y.reduce((s, v) => s + v, 0);
  if (total === 0) return null;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff += Math.abs(x[i]! - y[i]!);
  return Math.max(0, 1 - diff / total);
}

/** A score for the length ratio: 1 at the expected ratio, falling off with its logarithm; short texts are allowed more spread. */
export function lengthScore(original: number, translation: number, lang: Lang): number {
  const expected = EXPECTED_RATIO[lang] ?? 1;
  const r = Math.log((translation + 15) / (original * expected + 15));
  const spread = original + translation < 200 ? 0.45 : 0.3;
  return Math.exp(-(r * r) / (2 * spread * spread));
}

/** What a translator adds in square brackets ("They [Zinoviev, Kamenev…]") is not in the original. */
export const withoutInsertions = (text: string) => text.replace(/\[[^\]]{0,120}\]/g, ' ').replace(/\s+/g, ' ').trim();
/** The author's citation after a quotation ("(RKEB 2, 630)") belongs to neither side. */
export const withoutTrailingCitation = (text: string) => text.replace(/\s*\([^()]{1,60}\)\.?\s*$/u, '').trim();

export function evidence(rawOriginal: string, rawTranslation: string, lang: Lang, position?: { original: number; translation: number }): Evidence {
  const original = withoutTrailingCitation(rawOriginal);
  const translation = withoutInsertions(withoutTrailingCitation(rawTranslation));
  const openings = lostSentenceOpenings(original, translation);
  return {
    length: lengthScore(original.length, translation.length, lang),
    numbers: agreement(numbersOf(original), numbersOf(translation)),
    names: agreement(namesWithout(original, openings), namesWithout(translation, openings)),
    roots: scaled(agreement(rootsOf(original), rootsOf(translation)), EXPECTED_ROOTS[lang] ?? 0.4),
    structure: structureAgreement(original, translation),
    position: position ? 1 - Math.min(1, Math.abs(position.original - position.translation) * 2) : null,
  };
}

const WEIGHTS: Record<keyof Evidence, number> = { length: 0.3, numbers: 0.2, names: 0.25, roots: 0.15, structure: 0.05, position: 0.05 };

/** Roots shared across Russian and English are few (cognates, names): weak evidence there. */
const ROOT_WEIGHT: Partial<Record<Lang, number>> = { ru: 0.06, fr: 0.25 };

/** The weighted mean of the evidence present, rounded to two decimals. */
export function confidenceOf(e: Evidence, lang: Lang = 'ru'): number {
  let sum = 0;
  let weight = 0;
  for (const k of Object.keys(WEIGHTS) as (keyof Evidence)[]) {
    const v = e[k];
    if (v === null) continue;
    const w = k === 'roots' ? (ROOT_WEIGHT[lang] ?? WEIGHTS.roots) : WEIGHTS[k];
    sum += v * w;
    weight += w;
  }
  // A short text with nothing but its length to go on cannot be more than fairly sure.
  const c = weight > 0 ? sum / weight : 0;
  const capped = weight <= WEIGHTS.length + WEIGHTS.position + WEIGHTS.structure + 0.06 ? Math.min(c, 0.7) : c;
  return Math.round(capped * 100) / 100;
}

export function confidence(original: string, translation: string, lang: Lang, position?: { original: number; translation: number }): number {
  return confidenceOf(evidence(original, translation, lang, position), lang);
}
