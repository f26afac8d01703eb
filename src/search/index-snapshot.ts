/**
 * A fast-loading copy of the bundled corpus's saved index (`data/build/index.v8`). Reading
 * `index.json` means parsing its JSON and turning every term's postings into minisearch's Maps:
 * ~100 ms of CPU, a fifth of a one-shot CLI answer. This copy holds minisearch's own state (its
 * Maps and radix tree) in V8's serialisation, which reads back in about a fifth of that.
 *
 * `index.json` stays the portable artifact; this copy is derived from it, written beside it after
 * each build or load of it. V8's format belongs to one V8 and the state to one minisearch, so the
 * header names both, with the snapshot's format version, the analysis and the corpus it was built
 * from, and the SHA-256 and length of the body. Anything that differs (another Node, a damaged
 * or stale file) means the copy is not used: the index is read from `index.json` and the copy
 * written again. test/index-snapshot.test.ts checks that a restored index equals the original.
 *
 * Format 2 adds the term positions of every passage of the index (term-positions.ts), which rerank
 * would otherwise make by stemming each word of its candidates at query time; the header records
 * `positionsFingerprint()` too, so a change to how they are made is never served from an old copy.
 * Format 3: the index of format 4 of `index.json` (an author's first-person passages read under the
 * author's name), which a format 2 copy lacks. Format 4 adds the relations between people the texts
 * state (expand/relations.ts), so a one-shot answer to "Trotsky's son …" does not learn them again.
 * Format 5 adds what the engine works out about each passage (passage-facts.ts: the key results are
 * folded by, whether a note only cites), and the header `factsFingerprint()`.
 * Format 6: the index of format 5 of `index.json` (a quotation read under its lead-in).
 */
import { sha256 } from '../hash.ts';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import MiniSearch from 'minisearch';
import { writeAtomic } from '../atomic-write.ts';
import { ANALYSIS_VERSION, analysisOptions } from './analyse/index.ts';
import { miniSearchOptions } from './index-build.ts';
import type { IndexedPassage } from './lectern-index.ts';
import type { Relations } from './expand/relations.ts';
import { packedProblem, PositionTable, positionsFingerprint, type PackedPositions } from './term-positions.ts';
import { factsFingerprint, type PassageFacts } from './passage-facts.ts';
import { noteGlossesFingerprint } from './note-glosses.ts';

export const SNAPSHOT_FILE = 'index.v8';
/** Bump when the snapshot's layout (header or state) changes. */
export const SNAPSHOT_FORMAT_VERSION = 9;

type SearchIndex = MiniSearch<IndexedPassage>;

/** The part of minisearch's state a loaded index has (what its `loadJS` sets), by its protected names. */
interface Internals {
  _documentCount: number;
  _nextId: number;
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _dirtCount: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldLength: Map<number, number[]>;
  _storedFields: Map<number, unknown>;
  _index: { _tree: Map<string, unknown>; _size: number | undefined };
}

interface State {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  dirtCount: number;
  documentIds: Map<number, unknown>;
  fieldLength: Map<number, number[]>;
  storedFields: Map<number, unknown>;
  tree: Map<string, unknown>;
  positions: PackedPositions;
  relations?: Relations;
  facts?: PassageFacts;
}

let minisearchVersion: string | undefined;
function minisearchPackageVersion(): string {
  minisearchVersion ??= (JSON.parse(readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('minisearch')), '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  return minisearchVersion;
}


/** What a snapshot must have been made with to be used here (the header without the body's hash). */
function identity(inputs: string) {
  return {
    format: 'lectern.index-snapshot',
    version: SNAPSHOT_FORMAT_VERSION,
    v8: process.versions.v8,
    minisearch: minisearchPackageVersion(),
    analysis: sha256(JSON.stringify([ANALYSIS_VERSION, analysisOptions()])),
    positions: positionsFingerprint(),
    facts: factsFingerprint(),
    glosses: noteGlossesFingerprint(),
    inputs,
  };
}

/**
 * The snapshot of `index` and its passages' term positions (`packPositions` of the same passages)
 * as the bytes of its file: a header line, then V8's serialisation of the state.
 */
export function snapshotBytes(index: SearchIndex, inputs: string, positions: PackedPositions, relations?: Relations, facts?: PassageFacts): Buffer {
  const ms = index as unknown as Internals;
  const state: State = {
    documentCount: ms._documentCount,
    nextId: ms._nextId,
    fieldIds: ms._fieldIds,
    averageFieldLength: ms._avgFieldLength,
    dirtCount: ms._dirtCount,
    documentIds: ms._documentIds,
    fieldLength: ms._fieldLength,
    storedFields: ms._storedFields,
    tree: ms._index._tree,
    positions,
    ...(relations ? { relations } : {}),
    // Facts whose code cannot be told apart from other code's are not kept (see passage-facts.ts).
    ...(facts && factsFingerprint() !== 'unreadable' ? { facts } : {}),
  };
  const body = v8.serialize(state);
  const header = JSON.stringify({ ...identity(inputs), documents: state.documentCount, bytes: body.length, sha256: sha256(body) });
  return Buffer.concat([Buffer.from(`${header}\n`), body]);
}

/** The index the snapshot's bytes hold, or why they cannot be used. */
export function restoreSnapshot(bytes: Buffer, inputs: string): { index?: SearchIndex; positions?: PositionTable; relations?: Relations; facts?: PassageFacts; problem?: string } {
  const end = bytes.indexOf(10);
  if (end < 0) return { problem: 'the index snapshot has no header' };
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Record<string, unknown>;
  } catch {
    return { problem: 'the index snapshot has no header' };
  }
  const { documents, bytes: length, sha256: digest, ...made } = header;
  const expected = identity(inputs);
  for (const [key, value] of Object.entries(expected)) {
    if (made[key] !== value) return { problem: `the index snapshot was made with another ${key}` };
  }
  const body = bytes.subarray(end + 1);
  if (body.length !== length || sha256(body) !== digest) return { problem: 'the index snapshot is damaged (its bytes do not match its header)' };
  let state: State;
  try {
    state = v8.deserialize(body) as State;
  } catch (err) {
    return { problem: `the index snapshot could not be read (${(err as Error).message.slice(0, 200)})` };
  }
  if (!(state.tree instanceof Map) || !(state.documentIds instanceof Map) || state.documentCount !== documents) return { problem: 'the index snapshot does not hold an index' };
  const positionsProblem = packedProblem(state.positions);
  if (positionsProblem) return { problem: `the index snapshot is not usable (${positionsProblem})` };
  if (state.positions.ids.length !== state.documentCount) return { problem: 'the index snapshot is not usable (its term positions are not of its passages)' };
  // minisearch's own loadJS, from Maps that need no converting.
  const index = new MiniSearch<IndexedPassage>(miniSearchOptions());
  const ms = index as unknown as Internals;
  ms._documentCount = state.documentCount;
  ms._nextId = state.nextId;
  ms._fieldIds = state.fieldIds;
  ms._avgFieldLength = state.averageFieldLength;
  ms._dirtCount = state.dirtCount;
  ms._documentIds = state.documentIds;
  ms._fieldLength = state.fieldLength;
  ms._storedFields = state.storedFields;
  ms._idToShortId = new Map();
  for (const [shortId, id] of state.documentIds) ms._idToShortId.set(id, shortId);
  ms._index._tree = state.tree;
  ms._index._size = undefined;
  const relations = state.relations instanceof Map ? { relations: state.relations } : {};
  const facts = state.facts?.foldKeys instanceof Map && state.facts.citing instanceof Map ? { facts: state.facts } : {};
  return { index, positions: new PositionTable(state.positions), ...relations, ...facts };
}

/** The snapshot in `buildDir`, when there is one made from `inputs` by this Node and minisearch. */
export async function readSnapshot(buildDir: string, inputs: string): Promise<ReturnType<typeof restoreSnapshot>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(buildDir, SNAPSHOT_FILE));
  } catch {
    return { problem: 'no index snapshot yet' };
  }
  return restoreSnapshot(bytes, inputs);
}

export async function writeSnapshot(buildDir: string, index: SearchIndex, inputs: string, positions: PackedPositions, relations?: Relations, facts?: PassageFacts): Promise<void> {
  await writeAtomic(path.join(buildDir, SNAPSHOT_FILE), snapshotBytes(index, inputs, positions, relations, facts));
}
