/**
 * A short extract around the words that matched, matched words wrapped in `**`. Matching is on
 * folded, stemmed-prefix forms so "dishes" highlights "dish" and "Zinovievists".
 */
import type { ParsedQuery } from './analyse/index.ts';
import { fold } from './analyse/index.ts';

const WINDOW = 220;

export function snippetFor(plain: string, parsed: ParsedQuery): string {
  const stems = parsed.words
    .map((w) => fold(w.text ?? ''))
    .filter((w) => w.length >= 3)
    .map((w) => w.slice(0, Math.max(3, Math.min(w.length, w.length > 5 ? w.length - 2 : w.length))));
  const phrases = parsed.phrases.map((p) => fold(p));
  const words = [...plain.matchAll(/[\p{L}\p{N}'’-]+/gu)];
  const isHit = (w: string) => {
    const f = w.toLowerCase().replace(/ё/g, 'е');
    return stems.some((s) => f.startsWith(s));
  };
  let start = 0;
  const lower = fold(plain);
  const phraseAt = phrases.map((p) => lower.indexOf(p)).find((i) => i >= 0);
  if (phraseAt !== undefined) start = Math.max(0, phraseAt - 40);
  else {
    const first = words.find((m) => isHit(m[0]));
    if (first) start = Math.max(0, first.index! - 60);
  }
  if (start > 0) {
    const space = plain.indexOf(' ', start);
    start = space >= 0 && space - start < 20 ? space + 1 : start;
  }
  let end = Math.min(plain.length, start + WINDOW);
  if (end < plain.length) {
    const space = plain.lastIndexOf(' ', end);
    if (space > start + WINDOW / 2) end = space;
  }
  const slice = plain.slice(start, end);
  const marked = slice.replace(/[\p{L}\p{N}'’-]+/gu, (w) => (isHit(w) ? `**${w}**` : w));
  return `${start > 0 ? '…' : ''}${marked}${end < plain.length ? '…' : ''}`;
}
