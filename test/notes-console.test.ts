/**
 * /notes on the console, piped as a user pipes it (a child process on the real corpus, its own data
 * folder), and the CLI's `notes --thread` for the discussion the console saved: three passages from
 * two works, a short citation and a translation; the files written, read back by citation-js; a
 * second discussion's passages stay out of the first one's notes.
 */
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';
import { conversationKey } from '../src/conversation/key.ts';
import { CONVERSATIONS_FILE } from '../src/conversation/store.ts';
import type { ThreadRecord } from '../src/conversation/records.ts';
import { createRealDispatch } from './helpers/real-dispatch.ts';
import { expectPassagesInOrder, quotedIds, readBack } from './helpers/notes-check.ts';
import { runLectern } from './helpers/lectern-process.ts';

let dataDir: string;

const lectern = (args: string[], input = '') => runLectern(args, { input, cwd: dataDir, env: { LECTERN_DATA_DIR: dataDir } });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'lectern-notes-console-'));
  // The bundled corpus and its build, shared read-only; the state (threads, notes) is this test's own.
  await symlink(path.join(PROJECT_ROOT, 'data', 'corpus'), path.join(dataDir, 'corpus'));
  await symlink(path.join(PROJECT_ROOT, 'data', 'build'), path.join(dataDir, 'build'));
  expect((await lectern(['ingest'])).code).toBe(0);
}, 180_000);
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const SCRIPT = [
  '/quote peppery dishes',
  'd 1',
  '/quote Kirov limit:1',
  '/quote Trotsky work:evidence-collaboration-essay limit:1',
  '/source (Main 185)',
  '/translate консул Латвии',
  '/notes',
  '/notes kind:bibliography format:bibtex out:thread.bib',
  '/notes kind:bibliography format:ris out:thread.ris',
  '/notes kind:bibliography format:csl-json out:thread.json',
  '/notes kind:notes out:notes.md',
  '/end',
  '/quote Trotsky work:continuing-revolution-speech limit:1',
  'd 1',
  '/quote Trotsky work:violence-trotskyism-article limit:1',
  '/end',
];

describe('GIVEN a discussion piped into the console: three passages from two works, a short citation, a translation', () => {
  let stdout = '';
  let record: ThreadRecord;
  let threadId = '';

  beforeAll(async () => {
    const r = await lectern(['start'], `${SCRIPT.join('\n')}\n`);
    expect(r.code).toBe(0);
    stdout = r.stdout;
    threadId = /\(thread (c[a-z0-9]+), kept for \/notes\)/.exec(stdout)![1]!;
    const saved = JSON.parse(await readFile(path.join(dataDir, 'state', CONVERSATIONS_FILE), 'utf8'));
    record = saved.threads[conversationKey({ platform: 'console', scope: 'local', thread: threadId })];
  }, 180_000);

  it('THEN /notes sums up the works with the two ways on, and out: writes files citation-js reads back', async () => {
    expect(stdout).toMatch(/So far in this thread:\n• Trotsky's Lies: \d passages quoted\n• Evidence of Leon Trotsky.s Collaboration[^:]*: 1 passage quoted/);
    expect(stdout).toContain('[b]ibliography  n[o]tes');
    for (const file of ['thread.bib', 'thread.ris', 'thread.json']) {
      const titles = readBack(await readFile(path.join(dataDir, file), 'utf8')).map((i) => String(i.title));
      expect(titles.some((t) => /Trotsky.s Lies/.test(t)), file).toBe(true);
      expect(titles.some((t) => /Collaboration/.test(t)), file).toBe(true);
      expect(titles.some((t) => /Arrest and .Testimony/.test(t)), file).toBe(true);
      expect(titles.some((t) => /Continuing Revolution|Violence/.test(t)), file).toBe(false);
    }
  });

  it('THEN the Markdown notes hold every quoted passage verbatim, with its locator, in order, the translation and the bibliography', async () => {
    const markdown = await readFile(path.join(dataDir, 'notes.md'), 'utf8');
    const ids = quotedIds(record);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids.map((id) => id.split('.')[0]))).toEqual(new Set(['trotskys-lies', 'evidence-collaboration-essay']));
    const { app } = await createRealDispatch();
    expectPassagesInOrder(markdown, app.base.corpus, ids);
    expect(markdown).toContain('Translation given by the source');
    expect(markdown).toMatch(/## Bibliography[\s\S]*Main, Steven J\./);
    expect(markdown).not.toMatch(/continuing-revolution-speech|violence-trotskyism-article/);
  }, 60_000);

  it('THEN the CLI gives the saved thread\'s bibliography as BibTeX on stdout, and a thread it does not know exits 1', async () => {
    const r = await lectern(['notes', '--thread', threadId, '--kind', 'bibliography', '--format', 'bibtex']);
    expect(r.code).toBe(0);
    const titles = readBack(r.stdout).map((i) => String(i.title));
    expect(titles.some((t) => /Trotsky.s Lies/.test(t))).toBe(true);
    expect(titles.some((t) => /Continuing Revolution/.test(t))).toBe(false);
    const unknown = await lectern(['notes', '--thread', 'cnosuchthread', '--kind', 'bibliography']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('notes.empty-thread');
    expect((await lectern(['notes', '--kind', 'bibliography'])).code).toBe(2);
  }, 60_000);
});
