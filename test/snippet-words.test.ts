/**
 * Snippets find a passage's words by a scan with a table of code points and tell most non-hits by
 * their first letter (src/search/snippet.ts), where they once ran /[\p{L}\p{N}'’-]+/gu and looked
 * every word up: the snippets must stay those the pattern gives. The reference below is that
 * version, kept here to compare with. Real corpus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../src/corpus/model.ts';
import { fold, parseQuery, type ParsedQuery } from '../src/search/analyse/index.ts';
import { americanSpelling } from '../src/search/analyse/spelling.ts';
import { snippetsFor } from '../src/search/snippet.ts';
import { realCorpus } from './helpers/corpus.ts';

const WORD = /[\p{L}\p{N}'’-]+/gu;
function referenceSnippets(parsed: ParsedQuery): (plain: string, folded?: string) => string {
  const stems = parsed.words
    .map((w) => americanSpelling(fold(w.text ?? '')))
    .filter((w) => w.length >= 3)
    .map((w) => w.slice(0, Math.max(3, Math.min(w.length, w.length > 5 ? w.length - 2 : w.length))));
  const phrases = parsed.phrases.map((p) => fold(p));
  const isHit = (w: string) => {
    const lower = w.toLowerCase();
    const f = americanSpelling(lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower);
    return stems.some((s) => f.startsWith(s));
  };
  return (plain, folded) => {
    let start = 0;
    const phraseAt = phrases.length ? phrases.map((p) => (folded ?? fold(plain)).indexOf(p)).find((i) => i >= 0) : undefined;
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
    let end = Math.min(plain.length, start + 220);
    if (end < plain.length) {
      const space = plain.lastIndexOf(' ', end);
      if (space > start + 110) end = space;
    }
    const marked = plain.slice(start, end).replace(WORD, (w) => (isHit(w) ? `**${w}**` : w));
    return `${start > 0 ? '…' : ''}${marked}${end < plain.length ? '…' : ''}`;
  };
}

let blocks: Block[];
beforeAll(async () => {
  blocks = [...(await realCorpus()).corpus.passages()].map((p) => p.block);
});

const QUERIES = ['Trotsky and Stalin', '"the Moscow Trials"', 'убийство Кирова', 'Троцкий и Сталин', 'Ежов Ягода', 'esthetic gray programs', 'Zinoviev’s letter', "Kirov's assassins", 'Broué 1936', 'елка Ёжиков', 'centre of the bloc', 'Bukharin—Rykov'];
const ODD = ['Aesthetic grey programme Ёлка ёлка ЁЛКА İstanbul ΟΔΟΣ Ѐлка Ежов ежов', 'x\uD800y Trotsky', 'Trotsky \uD835\uDC9C\uD835\uDC9Dtrotsky Stalin', "don't — ‘Stalin’s’ x-y -- 12 ½ Ⅻ Kirov-Zinoviev", ''];

describe('GIVEN queries in English, Russian, with phrases, British spellings and odd letters', () => {
  it('THEN every passage and odd text gets the snippet the word pattern gives', () => {
    let compared = 0;
    for (const q of QUERIES) {
      const parsed = parseQuery(q);
      const ours = snippetsFor(parsed);
      const reference = referenceSnippets(parsed);
      for (const text of [...blocks.map((b) => b.plain), ...ODD]) {
        const folded = fold(text);
        expect(ours(text, folded)).toBe(reference(text, folded));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(snippetsFor(parseQuery('esthetic gray'))(ODD[0]!)).toContain('**Aesthetic** **grey**');
  });
});
