/**
 * The bilingual lexicon learned from the bundled corpus's translation pairs, kept in
 * `data/build/lexicon.json` after the first query that needs it: learning costs ~0.4 s of CPU,
 * which every one-shot CLI answer paid again. The file carries a format version and what it was
 * learned from — the corpus build, the analysis options and the learner's own source — so a
 * change of any of them learns it again; a file that does not validate is learned again too.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { writeAtomic } from '../atomic-write.ts';
import { readSealedJson, sealedJson } from '../sealed-json.ts';
import type { Corpus } from '../corpus/corpus.ts';
import { ANALYSIS_VERSION, analysisOptions } from './analyse/index.ts';
import { learnLexicons, type Lexicon, type Lexicons } from './expand/lexicon.ts';

export const LEXICON_FILE = 'lexicon.json';
export const LEXICON_FORMAT_VERSION = 1;

const Row = z.tuple([z.string(), z.array(z.object({ term: z.string(), p: z.number() }))]);
const SavedLexicon = z.object({
  format: z.literal('lectern.lexicon'),
  version: z.literal(LEXICON_FORMAT_VERSION),
  learnedFrom: z.string(),
  segments: z.number().int().nonnegative(),
  toEnglish: z.array(Row),
  fromEnglish: z.array(Row),
});
type SavedLexicon = z.infer<typeof SavedLexicon>;

/** What the lexicon depends on: the corpus build, the analysis and the learner (its source text). */
function fingerprint(inputs: string): string {
  const learner = readFileSync(new URL('./expand/lexicon.ts', import.meta.url), 'utf8');
  return createHash('sha256').update(JSON.stringify({ inputs, analysis: [ANALYSIS_VERSION, analysisOptions()], learner })).digest('hex');
}

function read(file: string, learnedFrom: string): Lexicons | undefined {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    // Sealed (src/sealed-json.ts): written after SavedLexicon passed, so its schema need not be walked again.
    const { json, sealed } = readSealedJson(raw);
    const head = json as { format?: unknown; version?: unknown };
    if (sealed && (head.format !== 'lectern.lexicon' || head.version !== LEXICON_FORMAT_VERSION)) return undefined;
    const parsed = sealed ? { success: true as const, data: json as SavedLexicon } : SavedLexicon.safeParse(json);
    if (!parsed.success || parsed.data.learnedFrom !== learnedFrom) return undefined;
    const map = (rows: z.infer<typeof Row>[]): Lexicon => new Map(rows);
    return { toEnglish: map(parsed.data.toEnglish), fromEnglish: map(parsed.data.fromEnglish), segments: parsed.data.segments };
  } catch {
    return undefined;
  }
}

/**
 * The lexicons of `corpus`: read from `buildDir` when current, otherwise learned (and saved when
 * `persist`). Synchronous, since the engine asks for them in the middle of expanding a query.
 */
export function savedLexicons(corpus: Corpus, buildDir: string, log: Logger, options: { inputs: string; persist: boolean }): () => Lexicons {
  if (!options.persist) return () => learnLexicons(corpus);
  return () => {
    const file = path.join(buildDir, LEXICON_FILE);
    const learnedFrom = fingerprint(options.inputs);
    const saved = read(file, learnedFrom);
    if (saved) return saved;
    const lexicons = learnLexicons(corpus);
    const json = SavedLexicon.safeParse({ format: 'lectern.lexicon', version: LEXICON_FORMAT_VERSION, learnedFrom, segments: lexicons.segments, toEnglish: [...lexicons.toEnglish], fromEnglish: [...lexicons.fromEnglish] });
    if (!json.success) log.warn({ file, issue: json.error.issues[0] }, 'the learned lexicon does not match its saved format; it is not saved');
    else void writeAtomic(file, sealedJson(json.data)).catch((err) => log.warn({ err, file }, 'could not save the learned lexicon; it will be learned again next time'));
    return lexicons;
  };
}
