/**
 * Context across paragraphs (src/search/context-cover.ts): a passage that gives what a question asks
 * for borrows, at half, the query words it lacks that the passage before it in its section holds.
 * Real corpus; the queries are written for these tests, beside our own cases o-k20–o-k26 (none is
 * in ../shared/eval).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { Block } from '../src/corpus/model.ts';
import { contextCover, type ContextSource } from '../src/search/context-cover.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { termPositions } from '../src/search/term-positions.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
let corpus: Corpus;
let source: ContextSource;
beforeAll(async () => {
  ({ engine, corpus } = await realEngine());
  const vocabulary = engine.source.vocabulary;
  source = { before: (b) => corpus.passageBefore(b), documentFrequency: (t) => vocabulary.documentFrequency(t), documentCount: () => vocabulary.documentCount };
});

const block = (id: string): Block => corpus.block(id)!;
const at = (b: Block) => termPositions(b.plain);

describe('GIVEN the passages of the bundled corpus in reading order', () => {
  it('THEN the passage before one is the previous paragraph of its section: footnotes and its own translation skipped, none across a heading', () => {
    expect(corpus.passageBefore(block('continuing-revolution-speech.p15'))?.id).toBe('continuing-revolution-speech.p14');
    // p13 opens chapter 3: the heading before it ends the context.
    expect(corpus.passageBefore(block('continuing-revolution-speech.p13'))).toBeUndefined();
    // A footnote (n23) stands between p215 and p216.
    expect(corpus.passageBefore(block('trotskys-lies.p216'))?.id).toBe('trotskys-lies.p215');
    // p819 translates p818, which says the same: the passage before both is p817.
    expect(block('trotskys-lies.p819').pair).toBe(block('trotskys-lies.p818').pair);
    expect(corpus.passageBefore(block('trotskys-lies.p819'))?.id).toBe('trotskys-lies.p817');
  });
});

describe('GIVEN a question whose answer leaves its topic to the paragraph before it', () => {
  const query = 'how many men of the clandestine pro-Zinoviev group were indicted';
  const words = () => engine.expand(engine.parse(query)).words;
  const matched = (b: Block) => {
    const terms = at(b);
    return words()
      .filter((w) => !w.light)
      .map((w) => [...new Set([...w.terms, ...(w.expansions ?? []).map((e) => e.term), ...w.parts.flatMap((p) => p.terms)])].flatMap((t) => terms.get(t) ?? []).sort((x, y) => x - y));
  };

  it('THEN the answer that gives the number borrows its topic paragraph’s words, below its own, and only as the answer', () => {
    const borrow = contextCover(words(), source, at)!;
    const answer = block('continuing-revolution-speech.p15');
    const lifted = borrow(answer, matched(answer), 0.4, true);
    expect(lifted).toBeGreaterThan(1);
    // Half of what "clandestine" and "group" would add in the passage itself: below (0.55 + 0.4 + all)³ / (0.55)³.
    expect(lifted).toBeLessThan(((0.15 + 0.4 + 0.5 * (1 - 0.4)) / 0.55) ** 3);
    // A passage that does not give the count borrows nothing.
    expect(borrow(answer, matched(answer), 0.4, false)).toBe(1);
  });

  it('THEN a passage holding none of the query’s rarer words does not ride on its neighbour', () => {
    const borrow = contextCover(words(), source, at)!;
    const answer = block('continuing-revolution-speech.p15');
    // Only the most common word of substance found in the passage itself.
    const own = matched(answer);
    const importance = words()
      .filter((w) => !w.light)
      .map((w) => Math.min(...w.terms.map((t) => engine.source.vocabulary.documentFrequency(t) || Number.POSITIVE_INFINITY)));
    const common = importance.indexOf(Math.max(...importance.filter(Number.isFinite)));
    expect(own[common]!.length).toBeGreaterThan(0);
    expect(borrow(answer, own.map((p, i) => (i === common ? p : [])), 0.1, true)).toBe(1);
  });

  it('THEN a query of two words of substance borrows nothing', () => {
    expect(contextCover(engine.expand(engine.parse('how many indicted Zinovievists')).words, source, at)).toBeUndefined();
  });

  it('THEN the answer ranks above its topic paragraph', async () => {
    const hits = (await engine.search(query, { limit: 3 })).hits.map((h) => h.block.id);
    expect(hits[0]).toBe('continuing-revolution-speech.p15');
    expect(hits.indexOf('continuing-revolution-speech.p15')).toBeLessThan(hits.indexOf('continuing-revolution-speech.p14') >>> 0);
  });
});
