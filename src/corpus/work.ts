/** A built work and the built corpus: the persisted artifact, with its schema and format version. */
import { z } from 'zod';
import { ManifestWork } from './manifest.ts';
import { BibEntry, Block, Citation, TranslationPair } from './model.ts';

export const WorkBuild = z.object({
  meta: ManifestWork,
  encoding: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  blocks: z.array(Block),
  bibliography: z.array(BibEntry),
  citations: z.array(Citation),
  pairs: z.array(TranslationPair),
  unlinked: z.object({
    markers: z.array(z.object({ block: z.string(), number: z.number().int() })),
    bodies: z.array(z.string()),
  }),
  pageAnchors: z.number().int().nonnegative(),
});
export type WorkBuild = z.infer<typeof WorkBuild>;

/** Bump when the model or the ingestion rules change what a build contains. */
export const CORPUS_FORMAT_VERSION = 3;

export const CorpusBuild = z.object({
  format: z.literal('lectern.corpus'),
  version: z.literal(CORPUS_FORMAT_VERSION),
  /** Fingerprint of the manifest and every source file: a build from other inputs is stale. */
  inputs: z.string(),
  works: z.array(WorkBuild),
});
export type CorpusBuild = z.infer<typeof CorpusBuild>;
