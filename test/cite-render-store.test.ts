/**
 * Citations are rendered once per shape of locator and kept on disk between processes: what a
 * reply shows must be exactly what citeproc renders for that passage.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCitation, formatReference, recordFromManifestWork, renderCitation, STYLE_IDS, type BibRecord, type Pinpoint } from '../src/cite/index.ts';
import { fileRenderStore } from '../src/cite/render-store.ts';
import { realCorpus } from './helpers/corpus.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-citations-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const PINPOINTS: Pinpoint[] = [
  { page: '35' },
  { page: '1234' },
  { page: '250-252' },
  { page: 'xii' },
  { page: '07' },
  { chapter: '2', paragraph: 14 },
  { chapter: '11', paragraph: 1 },
  { chapter: '3', section: '4' },
  { section: '3', paragraph: 2 },
  { section: 'Hypothesis' },
  { paragraph: 9 },
];

describe('GIVEN the works of the bundled corpus in every style', () => {
  it('THEN each citation from a rendered shape equals citeproc’s own render of that pinpoint', async () => {
    const { corpus } = await realCorpus();
    const records: BibRecord[] = corpus.works.map((w) => recordFromManifestWork(w.meta));
    for (const record of records) {
      for (const style of STYLE_IDS) {
        for (const pinpoint of PINPOINTS) {
          for (const format of ['text', 'html'] as const) {
            // Asked twice: the second answer comes from the kept shape.
            formatCitation(record, style, pinpoint, { format });
            expect(formatCitation(record, style, pinpoint, { format }), `${record.id} ${style} ${JSON.stringify(pinpoint)} ${format}`).toBe(renderCitation(record, style, pinpoint, { format }));
          }
        }
      }
    }
  }, 120_000);
});

describe('GIVEN renders kept on disk', () => {
  it('THEN another process reads them back, and a file of another citeproc or style version or a damaged one is not used', async () => {
    const file = path.join(dir, 'build', 'citations.json');
    const first = fileRenderStore(file);
    expect(first.get('k')).toBeUndefined();
    first.set('k', 'rendered');
    first.flush();
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved).toMatchObject({ format: 'lectern.citations', version: 1, entries: [['k', 'rendered']] });
    expect(fileRenderStore(file).get('k')).toBe('rendered');

    await writeFile(file, JSON.stringify({ ...saved, engine: 'another citeproc' }));
    expect(fileRenderStore(file).get('k')).toBeUndefined();
    await writeFile(file, '{"format":"lectern.citations","version":1,"engine":');
    expect(fileRenderStore(file).get('k')).toBeUndefined();
  });

  it('THEN a reference and a citation formatted with the store are written to it and read from it the same', async () => {
    const file = path.join(dir, 'cite-build', 'citations.json');
    const { corpus } = await realCorpus();
    // A record no other test rendered, so this process renders it (renders are also kept in memory).
    const record = { ...recordFromManifestWork(corpus.works[0]!.meta), title: 'A Title Rendered Once Here' };
    const store = fileRenderStore(file);
    const reference = formatReference(record, 'mla', { format: 'html', store });
    const citation = formatCitation(record, 'apa', { chapter: '4', paragraph: 81 }, { format: 'html', store });
    store.flush();
    const entries = new Map<string, string>(JSON.parse(await readFile(file, 'utf8')).entries);
    expect([...entries.values()]).toContain(reference);
    expect(entries.size).toBe(2);
    // A new process: its memory is empty, the store answers.
    const again = fileRenderStore(file);
    for (const [key, value] of entries) expect(again.get(key)).toBe(value);
    expect(citation).toBe(renderCitation(record, 'apa', { chapter: '4', paragraph: 81 }, { format: 'html' }));
  });
});
