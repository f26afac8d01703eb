/** Messages between the library and its worker thread (structured-clone data only). */
import type { ManifestWork } from '../corpus/manifest.ts';
import type { WorkBuild } from '../corpus/work.ts';
import type { ExtractedMetadata, LibraryFormat } from './extract/types.ts';
import type { MetaOverrides } from './meta.ts';

export interface IngestJob {
  kind: 'ingest';
  bytes: Uint8Array;
  name: string;
  contentType?: string;
  sha256: string;
  maxPages: number;
  /** Rebuilds and edits give the entry's metadata; new files get a draft from the file and the overrides. */
  meta?: ManifestWork;
  draft?: { overrides: MetaOverrides; takenIds: string[]; storedFile: string; actor: string; addedAt: string };
}

export interface IngestResult {
  work: WorkBuild;
  format: LibraryFormat;
  pages?: number;
  metadata: ExtractedMetadata;
}

export interface IndexJob {
  kind: 'index';
  /** Module exporting `serializeCorpusIndex(works, inputs): string[]` (see search-backend.ts). */
  module: string;
  works: WorkBuild[];
  inputs: string;
}

export type Job = IngestJob | IndexJob;

/** `started`: the worker has its modules loaded and began the job (its time limit starts now). */
export type Outcome =
  | { id: number; started: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; userError?: { identifier: string; message: string }; message: string; stack?: string };
