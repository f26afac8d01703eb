/**
 * The fast-loading copy of the saved index (data/build/index.v8): restored, it is the index that
 * was saved; damaged, stale or made by another V8 it is never used, and the next load rewrites it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { buildIndex } from '../src/search/index-build.ts';
import v8 from 'node:v8';
import { sha256 } from '../src/hash.ts';
import { restoreSnapshot, SNAPSHOT_FILE, snapshotBytes } from '../src/search/index-snapshot.ts';
import { packPositions, PositionTable, termPositions, type PackedPositions } from '../src/search/term-positions.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { INDEX_FILE, indexLines, loadOrBuildIndex, loadSearchIndex, parseIndex, serializeIndex, type SearchIndex } from '../src/search/saved-index.ts';
import { noteGlossesFingerprint } from '../src/search/note-glosses.ts';
import { relationsOf } from '../src/search/expand/relations.ts';
import { factsFingerprint, passageFacts } from '../src/search/passage-facts.ts';
import { foldKey } from '../src/search/engine.ts';
import { isCitingNote } from '../src/search/note-kind.ts';
import { realCorpus } from './helpers/corpus.ts';

let corpus: Corpus;
let index: SearchIndex;
let packed: PackedPositions;
const dirs: string[] = [];
/** Every passage of an index with its text, in the index's order (what the snapshot packs). */
const passagesOf = (i: SearchIndex) => [...(i as unknown as { _documentIds: Map<number, string> })._documentIds.values()].map((id) => ({ id, plain: corpus.block(id)!.plain }));
beforeAll(async () => {
  corpus = (await realCorpus()).corpus;
  index = buildIndex(corpus);
  packed = packPositions(passagesOf(index));
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('GIVEN the snapshot of an index', () => {
  it('THEN it restores the same index: the same serialisation, the same answers', async () => {
    const restored = restoreSnapshot(snapshotBytes(index, 'A', packed), 'A').index!;
    // Compared as strings: a difference printed in full would be megabytes.
    expect(JSON.stringify(restored.toJSON()) === JSON.stringify(index.toJSON())).toBe(true);
    expect(restored.search('Kirov', { fuzzy: 0.2, prefix: true })).toEqual(index.search('Kirov', { fuzzy: 0.2, prefix: true }));
    const engine = (i: SearchIndex) => new SearchEngine(corpus, new MemoryCandidateSource(i));
    for (const q of ['Kirov', 'Yezhov trial', 'Бюллетень оппозиции', 'who was Ryutin']) {
      const ids = async (i: SearchIndex) => (await engine(i).search(q, { limit: 10 })).hits.map((h) => [h.block.id, h.score]);
      expect(await ids(restored), q).toEqual(await ids(index));
    }
  });

  it('THEN a damaged, stale or foreign snapshot is not used', () => {
    const bytes = snapshotBytes(index, 'A', packed);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 100] = damaged[damaged.length - 100]! ^ 0xff;
    expect(restoreSnapshot(damaged, 'A').problem).toMatch(/damaged/);
    expect(restoreSnapshot(bytes.subarray(0, bytes.length - 10), 'A').problem).toMatch(/damaged/);
    expect(restoreSnapshot(bytes, 'B').problem).toMatch(/another inputs/);
    const end = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(0, end).toString());
    const other = (patch: object) => Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, ...patch })}\n`), bytes.subarray(end + 1)]);
    expect(restoreSnapshot(other({ v8: '0.0' }), 'A').problem).toMatch(/another v8/);
    expect(restoreSnapshot(other({ version: 0 }), 'A').problem).toMatch(/another version/);
    expect(restoreSnapshot(other({ minisearch: '0.0.0' }), 'A').problem).toMatch(/another minisearch/);
    // Notes' foreign titles are indexed in English through the glossaries (note-glosses.ts): a grown glossary must rebuild.
    expect(restoreSnapshot(other({ glosses: 'a glossary of an earlier release' }), 'A').problem).toMatch(/another glosses/);
    expect(restoreSnapshot(Buffer.from('not a snapshot'), 'A').problem).toMatch(/no header/);
  });

  it('THEN loading index.json writes the snapshot of what it read, the next load uses it, and a damaged one is read from index.json again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lectern-snapshot-'));
    dirs.push(dir);
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (s: string) => lines.push(s) });
    // A fresh build writes index.json only: the snapshot is always of an index read from it.
    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    await expect(readFile(path.join(dir, SNAPSHOT_FILE))).rejects.toThrow();
    const first = await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    const fromJson = parseIndex(indexLines(await readFile(path.join(dir, INDEX_FILE))), 'A').index!;
    expect(JSON.stringify(first.toJSON()) === JSON.stringify(fromJson.toJSON())).toBe(true);
    const written = await readFile(path.join(dir, SNAPSHOT_FILE));
    const facts = passageFacts(corpus, passagesOf(fromJson).map((p) => p.id));
    expect(written.equals(snapshotBytes(fromJson, 'A', packPositions(passagesOf(fromJson)), relationsOf(corpus.works), facts))).toBe(true);

    lines.length = 0;
    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(lines.join('')).not.toMatch(/reading the search index from index.json/);

    const damaged = Buffer.from(written);
    damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0xff;
    await writeFile(path.join(dir, SNAPSHOT_FILE), damaged);
    lines.length = 0;
    const again = await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(lines.join('')).toMatch(/damaged.*reading the search index from index.json/);
    expect(lines.join('')).not.toMatch(/rebuilding the search index/);
    expect(JSON.stringify(again.toJSON()) === JSON.stringify(first.toJSON())).toBe(true);
    expect((await readFile(path.join(dir, SNAPSHOT_FILE))).equals(written)).toBe(true);
    expect((await readFile(path.join(dir, INDEX_FILE))).length).toBeGreaterThan(0);
  });

  it('THEN it keeps the relations between people the texts state, and a warm load hands them to the engine', async () => {
    const relations = relationsOf(corpus.works);
    expect(restoreSnapshot(snapshotBytes(index, 'A', packed, relations), 'A').relations?.get('~trotsk\u0000son')).toEqual(new Map([['Sedov', 3]]));
    expect(restoreSnapshot(snapshotBytes(index, 'A', packed), 'A').relations).toBeUndefined();
    const dir = await mkdtemp(path.join(tmpdir(), 'lectern-snapshot-relations-'));
    dirs.push(dir);
    const log = pino({ level: 'silent' });
    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    const warm = await loadSearchIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(warm.relations?.get('~gorbachev\u0000chief')).toEqual(new Map([['Iakovlev', 1]]));
  });

  it("THEN it keeps each passage's fold key and whether each note only cites, as the engine works them out, and a warm load hands them to the engine", async () => {
    const ids = passagesOf(index).map((p) => p.id);
    const { facts } = restoreSnapshot(snapshotBytes(index, 'A', packed, undefined, passageFacts(corpus, ids)), 'A');
    expect(facts!.foldKeys.size).toBe(index.documentCount);
    const wrong = ids.filter((id) => facts!.foldKeys.get(id) !== foldKey(corpus, corpus.block(id)!));
    expect(wrong).toEqual([]);
    const notes = ids.map((id) => corpus.block(id)!).filter((b) => b.kind === 'footnote');
    expect(notes.length).toBeGreaterThan(50);
    expect(notes.filter((b) => facts!.citing.get(b.id) !== isCitingNote(b.plain)).map((b) => b.id)).toEqual([]);
    expect(new Set(facts!.citing.values())).toEqual(new Set([true, false]));
    // A repeated quotation is one key for several passages: what the facts must keep apart and together.
    expect(new Set(facts!.foldKeys.values()).size).toBeLessThan(ids.length);
    expect(restoreSnapshot(snapshotBytes(index, 'A', packed), 'A').facts).toBeUndefined();

    const dir = await mkdtemp(path.join(tmpdir(), 'lectern-snapshot-facts-'));
    dirs.push(dir);
    const log = pino({ level: 'silent' });
    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect((await loadSearchIndex(corpus, dir, log, { inputs: 'A', persist: true })).facts).toBeUndefined();
    const warm = await loadSearchIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(warm.facts!.foldKeys).toEqual(facts!.foldKeys);
    expect(warm.facts!.citing).toEqual(facts!.citing);
  });

  it('THEN one made by other code than the facts come from is not used', () => {
    const bytes = snapshotBytes(index, 'A', packed, undefined, passageFacts(corpus, passagesOf(index).map((p) => p.id)));
    const end = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(0, end).toString()) as Record<string, unknown>;
    expect(header.facts).toBe(factsFingerprint());
    expect(factsFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    const other = Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, facts: 'f'.repeat(64) })}\n`), bytes.subarray(end + 1)]);
    expect(restoreSnapshot(other, 'A').problem).toMatch(/another facts/);
  });

  it('THEN an engine given the facts answers exactly as one that works them out (hits, scores, snippets, totals)', async () => {
    const facts = passageFacts(corpus, passagesOf(index).map((p) => p.id));
    const given = new SearchEngine(corpus, new MemoryCandidateSource(index), { facts });
    const without = new SearchEngine(corpus, new MemoryCandidateSource(index));
    const questions = ['Have Trotsky and his son ever been officially exonerated?', 'Kirov', 'the the', 'Radek letter', 'Preobrazhensky testified', 'Sedov', 'who killed Kirov', 'Бюллетень оппозиции', '"Moscow trials"', 'See Furr Kirov'];
    for (const q of questions) {
      const answer = async (e: SearchEngine) => {
        const r = await e.search(q, { limit: 20 });
        return [r.total, r.notices, r.hits.map((h) => [h.block.id, h.score, h.snippet])];
      };
      expect(await answer(given), q).toEqual(await answer(without));
    }
  });

  it('THEN it holds the term positions of every passage, each equal to what rerank would make of the passage at query time', () => {
    const { positions } = restoreSnapshot(snapshotBytes(index, 'A', packed), 'A');
    expect(positions!.size).toBe(index.documentCount);
    let terms = 0;
    for (const { id, plain } of passagesOf(index)) {
      const made = termPositions(plain);
      const read = positions!.get(id);
      expect(read, id).toEqual(made);
      expect([...read!.keys()], id).toEqual([...made.keys()]);
      terms += made.size;
    }
    expect(terms).toBeGreaterThan(10_000);
    expect(positions!.get('no-such-passage')).toBeUndefined();
  });

  it('THEN the same searches rank the same with its positions as with positions made at query time', async () => {
    const table = new PositionTable(packed);
    const withTable = new SearchEngine(corpus, new MemoryCandidateSource(index), { positions: table });
    const without = new SearchEngine(corpus, new MemoryCandidateSource(index));
    const questions = ['Have Trotsky and his son ever been officially exonerated?', "What did the English translators add that Trotsky's Russian text lacks?", 'Ленин доверял Сталину в последние годы', 'who killed Kirov', 'Kirov', 'Yezhov trial'];
    for (const q of questions) {
      const ids = async (e: SearchEngine) => (await e.search(q, { limit: 20 })).hits.map((h) => [h.block.id, h.score]);
      expect(await ids(withTable), q).toEqual(await ids(without));
    }
  });
});

/** A snapshot's bytes with its state changed and its header sealed again, as a snapshot written so would be. */
function resealed(bytes: Buffer, change: (state: Record<string, unknown>) => void): Buffer {
  const end = bytes.indexOf(10);
  const header = JSON.parse(bytes.subarray(0, end).toString()) as Record<string, unknown>;
  const state = v8.deserialize(bytes.subarray(end + 1)) as Record<string, unknown>;
  change(state);
  const body = v8.serialize(state);
  return Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, bytes: body.length, sha256: sha256(body) })}\n`), body]);
}

describe('GIVEN a snapshot without usable term positions', () => {
  it('THEN one of format 1 (no positions), one made with other positions, or one whose positions are garbage is not used', () => {
    const bytes = snapshotBytes(index, 'A', packed);
    expect(restoreSnapshot(bytes, 'A').positions).toBeDefined();
    // Format 1: the same state without positions, its header saying version 1.
    const end = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(0, end).toString()) as Record<string, unknown>;
    const { positions: _p, ...v1Header } = header;
    const v1State = v8.deserialize(bytes.subarray(end + 1)) as Record<string, unknown>;
    delete v1State.positions;
    const v1Body = v8.serialize(v1State);
    const v1 = Buffer.concat([Buffer.from(`${JSON.stringify({ ...v1Header, version: 1, bytes: v1Body.length, sha256: sha256(v1Body) })}\n`), v1Body]);
    expect(restoreSnapshot(v1, 'A').problem).toMatch(/another version/);
    const otherPositions = Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, positions: '0:0000' })}\n`), bytes.subarray(end + 1)]);
    expect(restoreSnapshot(otherPositions, 'A').problem).toMatch(/another positions/);
    expect(restoreSnapshot(resealed(bytes, (s) => delete s.positions), 'A').problem).toMatch(/term positions are missing/);
    expect(restoreSnapshot(resealed(bytes, (s) => ((s.positions as PackedPositions).offsets = new Uint32Array([0, 5]))), 'A').problem).toMatch(/do not fit/);
    expect(restoreSnapshot(resealed(bytes, (s) => ((s.positions as PackedPositions).data = [1, 2, 3] as never)), 'A').problem).toMatch(/missing/);
    const fewer = packPositions(passagesOf(index).slice(1));
    expect(restoreSnapshot(resealed(bytes, (s) => (s.positions = fewer)), 'A').problem).toMatch(/not of its passages/);
  });

  it('THEN loading replaces an old-format snapshot with one that has them, and the search index read is the same', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lectern-snapshot-'));
    dirs.push(dir);
    const log = pino({ level: 'silent' });
    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    const first = await loadSearchIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(first.positions?.size).toBe(first.index.documentCount);
    const written = await readFile(path.join(dir, SNAPSHOT_FILE));
    const end = written.indexOf(10);
    await writeFile(path.join(dir, SNAPSHOT_FILE), Buffer.concat([Buffer.from(`${JSON.stringify({ ...JSON.parse(written.subarray(0, end).toString()), version: 1 })}\n`), written.subarray(end + 1)]));
    const again = await loadSearchIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(JSON.stringify(again.index.toJSON()) === JSON.stringify(first.index.toJSON())).toBe(true);
    expect((await readFile(path.join(dir, SNAPSHOT_FILE))).equals(written)).toBe(true);
    const id = corpus.works[0]!.blocks.find((b) => b.kind === 'paragraph')!.id;
    expect(again.positions!.get(id)).toEqual(termPositions(corpus.block(id)!.plain));
  });
});

describe('GIVEN a saved index.json whose notes were read with another glossary', () => {
  it('THEN it is not used (its foreign titles would be read with the old glossary), nor one from before glossaries were recorded', () => {
    const lines = serializeIndex(index, 'A');
    expect(parseIndex(lines, 'A').index).toBeDefined();
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header.glosses).toBe(noteGlossesFingerprint());
    const withHeader = (h: Record<string, unknown>) => [JSON.stringify(h), ...lines.slice(1)];
    expect(parseIndex(withHeader({ ...header, glosses: 'older' }), 'A').problem).toMatch(/another glossary/);
    const { glosses: _dropped, ...before } = header;
    expect(parseIndex(withHeader(before), 'A').problem).toMatch(/another glossary/);
  });
});
