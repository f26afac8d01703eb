/** The CLI's add / list / edit / remove on a copy of the bundled corpus in a temporary data directory. */
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCommand, editCommand, listCommand, removeCommand } from '../src/cli/library-subcommands.ts';
import { citeCommand, quoteCommand, sourceCommand, translateCommand } from '../src/cli/query-subcommands.ts';
import type { CliIo } from '../src/cli/io.ts';
import { CORPUS_DIR } from './helpers/corpus.ts';
import { cp1251Text, samplePdf, utf8Text } from './helpers/library-samples.ts';

function io(): CliIo & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  return { outs, errs, out: (l) => outs.push(l), err: (l) => errs.push(l), stdin: process.stdin, isTTY: false, columns: 100 };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-cli-library-'));
  await cp(CORPUS_DIR, path.join(dir, 'data', 'corpus'), { recursive: true });
  process.env.LECTERN_DATA_DIR = path.join(dir, 'data');
  process.env.LOG_LEVEL = 'silent';
  const pdf = await samplePdf();
  await writeFile(path.join(dir, 'grain.pdf'), pdf.bytes);
  await writeFile(path.join(dir, '..%2Fevil name.txt'), cp1251Text().bytes);
  await writeFile(path.join(dir, 'ferry.txt'), utf8Text('The Ferry Ledger\n\nThe ferryman crossed the river twice before the snow, and the cooperative paid him in grain.\n').bytes);
}, 120_000);

describe('CLI: add, list, edit, remove', () => {
  it('GIVEN a PDF and a Windows-1251 text WHEN added with the CLI THEN list shows them in the local collection and not in another', async () => {
    const a = io();
    expect(await addCommand.run([path.join(dir, 'grain.pdf'), '--year', '1931'], a)).toBe(0);
    expect(a.outs.join('\n')).toMatch(/^the-grain-question\n\s+The Grain Question — Vera Ivanova \(1931\)/);
    expect(a.errs.join('\n')).toMatch(/Added to collection "local" in \d+ ms/);
    const b = io();
    expect(await addCommand.run([path.join(dir, '..%2Fevil name.txt'), '--title', 'Письма о хлебе', '--author', 'Петров, Иван', '--collection', 'other'], b)).toBe(0);
    const local = io();
    await listCommand.run(['--json'], local);
    expect(JSON.parse(local.outs[0]!).works.map((w: { meta: { id: string } }) => w.meta.id)).toEqual(['the-grain-question']);
    const other = io();
    await listCommand.run(['--collection', 'other', '--json'], other);
    const works = JSON.parse(other.outs[0]!).works;
    expect(works.map((w: { meta: { id: string } }) => w.meta.id)).toEqual(['pisma-o-khlebe']);
    expect(works[0].source.file).toMatch(/^[0-9a-f]{64}\.txt$/);
  }, 120_000);

  it('GIVEN edit and remove THEN the changes are saved, and unknown ids are clear errors', async () => {
    expect(await editCommand.run(['the-grain-question', '--title', 'The Grain Question (1931)'], io())).toBe(0);
    const listed = io();
    await listCommand.run([], listed);
    expect(listed.outs.join('\n')).toContain('The Grain Question (1931)');
    const removed = io();
    expect(await removeCommand.run(['the-grain-question'], removed)).toBe(0);
    expect(removed.errs.join('')).toMatch(/Removed "The Grain Question \(1931\)"/);
    await expect(removeCommand.run(['the-grain-question'], io())).rejects.toMatchObject({ identifier: 'library.unknown-work' });
    const empty = io();
    await listCommand.run([], empty);
    expect(empty.errs.join('')).toMatch(/no texts of its own yet/);
  }, 120_000);
});

describe('CLI: --collection on quote, source, translate and cite', () => {
  it('GIVEN a text added to collection A THEN quote, source and cite find it with --collection A, and never with --collection B or without', async () => {
    expect(await addCommand.run([path.join(dir, 'ferry.txt'), '--author', 'Vera Ivanova', '--year', '1931', '--collection', 'group-a'], io())).toBe(0);
    const a = io();
    expect(await quoteCommand.run(['ferryman', '--collection', 'group-a', '--json'], a)).toBe(0);
    const hits = JSON.parse(a.outs.join('')).results as { id: string }[];
    expect(hits[0]!.id).toMatch(/^the-ferry-ledger\.p\d+$/);
    // A bundled passage is still there on top of the group's texts.
    expect(await quoteCommand.run(['Kirov', '--collection', 'group-a'], io())).toBe(0);
    for (const other of [['--collection', 'group-b'], []]) {
      const b = io();
      await quoteCommand.run(['ferryman', ...other, '--json'], b);
      expect(b.outs.join(''), other.join(' ')).not.toContain('the-ferry-ledger');
      expect(await citeCommand.run([hits[0]!.id, ...other], io()), other.join(' ')).toBe(1);
    }
    const cited = io();
    expect(await citeCommand.run([hits[0]!.id, '--collection', 'group-a', '--style', 'mla'], cited)).toBe(0);
    expect(cited.outs.join('\n')).toContain('Ivanova');
    const source = io();
    expect(await sourceCommand.run(['The Ferry Ledger', '--collection', 'group-a', '--json'], source)).toBe(0);
    expect(source.outs.join('')).toContain('the-ferry-ledger');
    for (const other of [['--collection', 'group-b'], []]) {
      const elsewhere = io();
      await sourceCommand.run(['The Ferry Ledger', ...other, '--json'], elsewhere);
      expect(elsewhere.outs.join(''), other.join(' ')).not.toContain('the-ferry-ledger');
    }
    // translate knows the group's passage in its group (the text gives no translation) and nowhere else.
    const translate = async (args: string[]) => {
      const t = io();
      const code = await translateCommand.run([hits[0]!.id, ...args, '--json'], t);
      return { code, json: JSON.parse(t.outs.join('')) as { errorId?: string }, text: t.outs.join('') + t.errs.join('') };
    };
    expect((await translate(['--collection', 'group-a'])).json.errorId).toBe('translate.no-pair');
    for (const other of [['--collection', 'group-b'], []]) {
      const t = await translate(other);
      expect([t.code, t.json.errorId], other.join(' ')).toEqual([1, 'passage.unknown']);
      expect(t.text).not.toContain('ferryman');
    }
  }, 180_000);

  it('GIVEN an empty --collection THEN it is bad usage, named', async () => {
    await expect(quoteCommand.run(['Kirov', '--collection', ''], io())).rejects.toMatchObject({ identifier: 'cli.collection-empty' });
  });
});
