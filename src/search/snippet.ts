/**
 * A short extract around the words that matched, matched words wrapped in `**`. Matching is on
 * folded, stemmed-prefix forms so "dishes" highlights "dish" and "Zinovievists".
 */
import type { ParsedQuery } from './analyse/index.ts';
import { fold } from './analyse/index.ts';
import { americanSpelling } from './analyse/spelling.ts';

const WINDOW = 220;
const WORD = /[\p{L}\p{N}'’-]+/gu;

/**
 * The snippet maker for one query: what it needs of the query (its words' stems, its phrases
 * folded) is made once, not once per hit. `folded`: the passage's folded text where the caller
 * keeps it (it is read only for a query with a phrase).
 */
export function snippetsFor(parsed: ParsedQuery): (plain: string, folded?: string) => string {
  const stems = parsed.words
    .map((w) => americanSpelling(fold(w.text ?? '')))
    .filter((w) => w.length >= 3)
    .map((w) => w.slice(0, Math.max(3, Math.min(w.length, w.length > 5 ? w.length - 2 : w.length))));
  const phrases = parsed.phrases.map((p) => fold(p));
  const isHit = (w: string) => {
    const lower = w.toLowerCase();
    const f = americanSpelling(lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower);
    for (const s of stems) if (f.startsWith(s)) return true;
    return false;
  };
  return (plain, folded) => {
    let start = 0;
    let phraseAt: number | undefined;
    if (phrases.length) {
      const lower = folded ?? fold(plain);
      phraseAt = phrases.map((p) => lower.indexOf(p)).find((i) => i >= 0);
    }
    if (phraseAt !== undefined) start = Math.max(0, phraseAt - 40);
    else {
      WORD.lastIndex = 0;
      for (let m = WORD.exec(plain); m; m = WORD.exec(plain)) {
        if (isHit(m[0])) {
          start = Math.max(0, m.index - 60);
          break;
        }
      }
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
    const marked = slice.replace(WORD, (w) => (isHit(w) ? `**${w}**` : w));
    return `${start > 0 ? '…' : ''}${marked}${end < plain.length ? '…' : ''}`;
  };
}
