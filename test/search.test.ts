import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Corpus } from '../src/corpus/corpus.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { INDEX_FILE, INDEX_FORMAT_VERSION, indexLines, loadOrBuildIndex, parseIndex, serializeIndex } from '../src/search/saved-index.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { realEngine } from './helpers/corpus.ts';

let corpus: Corpus;
let engine: SearchEngine;
const dirs: string[] = [];
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const top = async (q: string, opts = {}) => (await engine.search(q, { limit: 5, ...opts })).hits;

describe('GIVEN the search engine on the real corpus', () => {
  it('THEN Cyrillic, Library of Congress and popular spellings of a name meet', async () => {
    for (const q of ['Ежов', 'Ezhov', 'Yezhov']) {
      expect((await top(q)).length, q).toBeGreaterThan(0);
      expect((await top(q)).some((h) => /Ezhov|Yezhov|Ежов/.test(h.block.text)), q).toBe(true);
    }
    expect((await top('Zinov\'ev Kamenev')).some((h) => /Zinoviev|Зиновьев/.test(h.block.text))).toBe(true);
    expect((await top('Biulleten Oppozitsii')).length).toBeGreaterThan(0);
    expect((await top('Бюллетень оппозиции')).some((h) => /Biulleten|Бюллетен/.test(h.block.text))).toBe(true);
  });

  it('THEN misspelt names still find their passage', async () => {
    expect((await top('Trotksy Heijenort loyal secretary'))[0]!.block.text).toContain('Jean van Heijenoort');
    expect((await top('Snider Bloodlands'))[0]!.block.text).toContain('Snyder');
  });

  it('THEN a phrase in quotes must appear as written, whatever the quote style, NBSP or dashes', async () => {
    const hits = (await top('“no system of censorship is without its failures”'));
    expect(hits[0]!.block.text).toContain('no system of\u00a0censorship');
    expect((await top('"censorship is without failures"'))).toHaveLength(0);
    expect((await top('"devil-knows-what-it-is"'))[0]!.block.text).toContain('devil-knows-what-it-is');
  });

  it('THEN a translation pair is found from either side', async () => {
    const ru = (await top('Разговор на этим внезапно был прекращен появлением соседки'))[0]!.block;
    const en = (await top('The conversation on this subject was suddenly cut short by the appearance of Neighbor'))[0]!.block;
    expect(ru.pair).toBeDefined();
    expect(ru.pair).toBe(en.pair);
  });

  it('THEN a quotation repeated in several chapters fills one result, the copy with a citation or translation', async () => {
    const hits = (await top('This cook will prepare only peppery dishes', { limit: 10 }));
    const keys = hits.map((h) => h.block.plain.slice(0, 80));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('THEN filters by work, author and language hold', async () => {
    expect((await top('Stalin', { work: 'violence-trotskyism-article' })).every((h) => h.work.meta.id === 'violence-trotskyism-article')).toBe(true);
    expect((await top('Stalin', { author: 'Mukherjee' })).every((h) => h.work.meta.id === 'violence-trotskyism-article')).toBe(true);
    expect((await top('Сталин', { lang: 'ru' })).every((h) => h.block.lang === 'ru')).toBe(true);
  });

  it('THEN results carry a highlighted snippet and never a garbled duplicate or an index cell', async () => {
    const hits = (await top('Kirov assassination'));
    expect(hits[0]!.snippet).toMatch(/\*\*Kirov(?:['’]s)?\*\*/);
    for (const h of (await top('Через Октябрьскую революцию наша партия получила', { limit: 10 }))) expect(h.block.suppressed).toBeUndefined();
    expect((await top('Bessler, Mike')).every((h) => !/Bessler, Mike\s?\d/.test(h.block.text))).toBe(true);
  });

  it('THEN a query of stop words only is answered by a scan', async () => {
    expect((await top('"to be"')).length).toBeGreaterThan(0);
  });
});

describe('GIVEN a saved index', () => {
  it('THEN a corrupt, stale or foreign index is rebuilt with a warning, never used', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lectern-index-'));
    dirs.push(dir);
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
    const file = path.join(dir, INDEX_FILE);

    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    const saved = await readFile(file, 'utf8');
    expect(parseIndex(saved, 'A').index?.documentCount).toBeGreaterThan(1000);

    await writeFile(file, saved.slice(0, saved.length / 2));
    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(lines.join('')).toMatch(/not valid JSON|truncated/);

    expect(parseIndex(await readFile(file, 'utf8'), 'B').problem).toContain('another version of the corpus');
    const [head, ...rest] = (await readFile(file, 'utf8')).trimEnd().split('\n');
    const json = JSON.parse(head!);
    expect(parseIndex([JSON.stringify({ ...json, version: 0 }), ...rest], 'A').problem).toContain('format version 0');
    expect(parseIndex([JSON.stringify({ ...json, analysisVersion: -1 }), ...rest], 'A').problem).toContain('other text-analysis options');
    expect(parseIndex([head!, ...rest.slice(0, -1)], 'A').problem).toContain('incomplete');
    expect(parseIndex(serializeIndex(buildIndex(corpus), 'A'), 'A').index).toBeDefined();
  });

  it('THEN it is written as lines, none of them the whole index, and reads back the same', async () => {
    const index = buildIndex(corpus);
    const lines = serializeIndex(index, 'A');
    // Header, document tables, then the terms in chunks: no line holds the index.
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'lectern.index', version: INDEX_FORMAT_VERSION, chunks: lines.length - 2 });
    const total = lines.reduce((n, l) => n + l.length, 0);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(total);
    const back = parseIndex(indexLines(new TextEncoder().encode(lines.join('\n'))), 'A').index!;
    expect(back.documentCount).toBe(index.documentCount);
    expect(back.search('Kirov').map((r) => r.id)).toEqual(index.search('Kirov').map((r) => r.id));
  });

  it('THEN an index file of the older format (2, one JSON document) is rebuilt with a message', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lectern-index-v2-'));
    dirs.push(dir);
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
    const file = path.join(dir, INDEX_FILE);
    const index = buildIndex(corpus);
    const [head] = serializeIndex(index, 'A');
    await writeFile(file, JSON.stringify({ ...JSON.parse(head!), version: 2, index: index.toJSON() }));
    const loaded = await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(loaded.documentCount).toBe(index.documentCount);
    expect(lines.join('')).toMatch(/format version 2 \(an older format\).*rebuilding the search index/);
    expect(JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!).version).toBe(INDEX_FORMAT_VERSION);
  });

  it('THEN an index of format 3 (its author’s first-person passages not read under the name) is rebuilt with a message', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lectern-index-v3-'));
    dirs.push(dir);
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
    const file = path.join(dir, INDEX_FILE);
    const [head, ...rest] = serializeIndex(buildIndex(corpus), 'A');
    await writeFile(file, [JSON.stringify({ ...JSON.parse(head!), version: 3 }), ...rest].join('\n'));
    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(lines.join('')).toMatch(/format version 3 \(an older format\).*rebuilding the search index/);
    expect(JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!).version).toBe(INDEX_FORMAT_VERSION);
  });
});
