/**
 * A web page's own lines outside its article — the shop's price and stock, how to order and pay,
 * shipping notes, who made the site — are the source's text too: a reader may ask what the book
 * costs or how it is shipped. They are kept as passages of their own kind (`page-text`, ids `.wN`),
 * one a sentence: lines that go on without a blank line and read as one sentence ("To pay by check
 * or money order:" / "send payment" / "($25.00 …)" / "to the address on our contact page.") are
 * joined. Only what carries no words of the page's own is left out: a navigation menu (a row of
 * capitalised link labels) and an image's alternative text (a short lower-case label standing
 * alone: "book cover", "vertical logo"). When unsure a line is kept: it weighs little in search.
 */
import type { Segment } from './segments.ts';
import type { FrontLine } from './structure-types.ts';
import { startsLowercase, wordCount } from './text.ts';

/** How a page-text passage is cited and shown: the part of the page it is in. */
export const PAGE_TEXT_PART = 'Page notices';

/** A line cut after one of these goes on at the next line. */
const CUT_AFTER = /(?:[:,;–—-]|\b(?:a|an|the|to|of|by|for|at|in|on|with|from|and|or|our|your|select))$/iu;

/** The next line goes on with the last: no sentence ended, and it reads as the rest of one. */
export function continuesLine(prev: string, next: string): boolean {
  if (/[.!?…]["”»’']?$/u.test(prev.trim())) return false;
  return CUT_AFTER.test(prev.trim()) || startsLowercase(next) || /^[([]/u.test(next);
}

/**
 * A navigation menu: four or more link labels in a row, every word capitalised ("Home About Us
 * Contact Us Returns What's New"), no sentence punctuation. A title-case line with a small word
 * in lower case ("More Books by Grover Furr") is not one.
 */
export function isNavigation(text: string): boolean {
  const words = text.split(/[\s|·•]+/u).filter((w) => /\p{L}/u.test(w));
  return words.length >= 4 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w)) && !/[.!?:;,()$]/u.test(text);
}

/** An image's alternative text or a control's label on its own: one to three lower-case words, nothing else. */
export function isAltText(text: string): boolean {
  return wordCount(text) <= 3 && /^[\p{Ll}][\p{Ll}\s'’-]*$/u.test(text.trim());
}

/** Keeps one line of a page's own text in `into`: joined to the last when it goes on with it, left out when it is a menu or an image's label. */
export function keepPageText(into: FrontLine[], seg: Segment, previousLine: number | undefined): void {
  const last = into.at(-1);
  if (last && !seg.afterBlank && last.lines[1] === previousLine && continuesLine(last.text, seg.text)) {
    last.text = `${last.text} ${seg.text}`;
    last.lines = [last.lines[0], seg.line];
    return;
  }
  if (isNavigation(seg.text) || isAltText(seg.text)) return;
  into.push({ text: seg.text, lines: [seg.line, seg.line], part: PAGE_TEXT_PART });
}
