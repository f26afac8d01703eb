/**
 * What every door's notes test checks the same way: an exported bibliography read back by
 * citation-js, and a thread's Markdown notes holding every passage Lectern quoted there, verbatim,
 * with its locator, in the order quoted.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
import { expect } from 'vitest';
import type { ThreadRecord } from '../../src/conversation/records.ts';
import type { Corpus } from '../../src/corpus/corpus.ts';
import { locatorLabel } from '../../src/present/locator.ts';

/** CSL-JSON items citation-js reads from an export: what a reference manager would import. */
export function readBack(text: string): Record<string, unknown>[] {
  const items = new Cite(text).data;
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) expect(String(item.title ?? '')).not.toBe('');
  return items;
}

/** The passages a thread's notes list, first quotation of each, in order. */
export function quotedIds(record: ThreadRecord): string[] {
  return [...new Set(record.notes.flatMap((n) => n.passages.map((p) => p.id)))];
}

/** Each quoted passage's text (line by line, as the Markdown quotes it) and locator, in order. */
export function expectPassagesInOrder(markdown: string, corpus: Corpus, ids: string[]): void {
  let from = 0;
  for (const id of ids) {
    const block = corpus.block(id)!;
    const label = locatorLabel(block.locator, corpus.workOf(id)!.meta);
    const at = markdown.indexOf(label, from);
    expect(at, `${id}'s locator after position ${from}`).toBeGreaterThanOrEqual(from);
    for (const line of block.text.split('\n').filter((l) => l.trim())) expect(markdown.slice(at)).toContain(`> ${line}`.trimEnd());
    from = at + label.length;
  }
}
