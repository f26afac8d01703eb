/**
 * Hostile files against the real library (worker threads, extraction, ingestion): each is generated
 * here, bounded in size, and must be refused or stopped with a message the uploader can act on,
 * while other groups' adds go on beside it.
 */
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { isUserError } from '../src/errors.ts';
import { MAX_TEXT_BYTES } from '../src/library/extract/epub.ts';
import { MARKUP_LIMITS } from '../src/library/extract/markup-limits.ts';
import { libraryApp, type LibraryApp } from './helpers/library-app.ts';
import { sampleEpub, sampleMarkdown, utf8Text } from './helpers/library-samples.ts';

let app: LibraryApp | undefined;
afterEach(async () => {
  await app?.library.close();
  app = undefined;
});

const nestedDivs = (depth: number) => utf8Text(`<html><body>${'<div>'.repeat(depth)}Deep text.${'</div>'.repeat(depth)}</body></html>`, 'nested.html');

/** Markdown with a heading and a paragraph per section: slow enough to overrun a 3 s limit. */
const manyHeadings = (n: number) => utf8Text(Array.from({ length: n }, (_, i) => `# Heading ${i}\n\nParagraph ${i} of an ordinary text, a sentence or two long.\n`).join('\n'), 'headings.md');

async function refusal(p: Promise<unknown>): Promise<{ identifier: string; message: string; ms: number }> {
  const started = performance.now();
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUserError(err)).toBe(true);
  const e = err as { identifier: string; message: string };
  return { identifier: e.identifier, message: e.message, ms: performance.now() - started };
}

describe('Library: hostile files are bounded', () => {
  it('GIVEN HTML of 3,000 nested <div>s (33 KB) THEN it is refused before a DOM is built, in well under a second', async () => {
    app = await libraryApp();
    // A fresh worker loads its modules first (seconds on a loaded machine): timed on a warm one.
    await app.library.add('g0', sampleMarkdown(), {}, 'tester');
    const r = await refusal(app.library.add('g1', nestedDivs(3_000), {}, 'tester'));
    expect(r.identifier).toBe('library.file-too-complex');
    expect(r.message).toContain(`more than ${MARKUP_LIMITS.maxDepth} deep`);
    expect(r.ms).toBeLessThan(5_000);
    expect(app.library.list('g1')).toEqual([]);
  }, 60_000);

  it('GIVEN an EPUB whose text parts unpack past the limit (a zip bomb of a few hundred KB) THEN it is refused without being inflated', async () => {
    app = await libraryApp({ env: { LIBRARY_MAX_FILE_MB: '5' } });
    const epub = sampleEpub();
    const chapter = strToU8(`<html><body><p>${'bomb '.repeat(Math.ceil((MAX_TEXT_BYTES + 1024 * 1024) / 5))}</p></body></html>`);
    const bomb = zipSync({ mimetype: strToU8('application/epub+zip'), 'OEBPS/bomb.xhtml': [chapter, { level: 9 }] });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    // The sample's own parts plus the bomb: still a well-formed EPUB.
    const r = await refusal(app.library.add('g1', { name: 'bomb.epub', bytes: bomb }, {}, 'tester'));
    expect(r.identifier).toBe('library.file-too-complex');
    expect(r.message).toContain('MB of text');
    expect(epub.bytes.length).toBeGreaterThan(0);
  });

  it('GIVEN a file that takes longer than LIBRARY_JOB_TIMEOUT_S THEN the uploader is told, the worker is replaced, and the next add succeeds', async () => {
    // 3 s: the 240,000 headings take 10 s or more to read (60,000 took 5–15 s on 2026-12-01, under
    // 3 s on the same machine a day later, and were read whole), a small sample 30 ms (1 s at first
    // in a fresh worker on a loaded machine, which a 1 s limit refused).
    app = await libraryApp({ env: { LIBRARY_JOB_TIMEOUT_S: '3', LIBRARY_MAX_FILE_MB: '25' } });
    // Timed on a warm worker: the limit counts the job, not the module loading before it.
    await app.library.add('g0', sampleMarkdown(), {}, 'tester');
    const r = await refusal(app.library.add('g1', manyHeadings(240_000), {}, 'tester'));
    expect(r.identifier).toBe('library.file-too-slow');
    expect(r.message).toContain('longer than 3 s');
    expect(r.ms).toBeLessThan(6_000);
    expect(app.library.list('g1')).toEqual([]);
    expect(app.library.jobs()).toMatchObject({ running: 0, queued: 0 });
    const ok = await app.library.add('g1', sampleMarkdown(), {}, 'tester');
    expect(ok.entry.meta.id).toBeTruthy();
  }, 60_000);

  it("GIVEN one group's slow add THEN another group's small add finishes first, in parallel (LIBRARY_CONCURRENCY=2)", async () => {
    app = await libraryApp({ env: { LIBRARY_JOB_TIMEOUT_S: '20', LIBRARY_CONCURRENCY: '2', LIBRARY_MAX_FILE_MB: '10' } });
    // Warm the workers' modules so that the comparison is about the jobs, not the first import.
    await app.library.add('g0', sampleMarkdown(), {}, 'tester');
    const order: string[] = [];
    const slow = app.library.add('slow-group', manyHeadings(25_000), {}, 'tester').then(
      () => order.push('slow'),
      () => order.push('slow'),
    );
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await app.library.add('quick-group', sampleMarkdown(), {}, 'tester');
    const quickMs = performance.now() - started;
    order.push('quick');
    await slow;
    expect(order).toEqual(['quick', 'slow']);
    expect(quickMs).toBeLessThan(20_000);
  }, 60_000);
});
