/**
 * A thread's notes read back against the corpus the thread's group sees: the passages Lectern
 * quoted there in order (with the translation when the thread was shown one), and every work or
 * bibliography entry quoted or cited, once each. Only the group's own view is consulted, so a text
 * from another group's library can never appear; an id the library no longer holds is counted, not guessed.
 */
import type { Corpus } from '../corpus/corpus.ts';
import type { BibEntry, Block } from '../corpus/model.ts';
import type { WorkBuild } from '../corpus/work.ts';
import type { NoteEntry, ThreadRecord } from '../conversation/records.ts';

export interface QuotedPassage {
  block: Block;
  work: WorkBuild;
  by: string;
  at: number;
  /** The source's own translation, when the thread was shown this passage's pair. */
  translation?: Block[];
}

export interface ShownTranslation {
  pairId: string;
  work: WorkBuild;
  original: Block[];
  translation: Block[];
  by: string;
  at: number;
}

export interface SourceItem {
  work: WorkBuild;
  entry?: BibEntry;
}

export interface CollectedNotes {
  /** In the order Lectern posted them; a passage quoted twice appears once, where it was first quoted. */
  passages: QuotedPassage[];
  /** Translations shown whose original was not quoted as a passage. */
  translations: ShownTranslation[];
  /** Every work or entry quoted or cited (not yet de-duplicated to the bibliography entry). */
  sources: SourceItem[];
  /** Passages per work id, for the summary. */
  passagesPerWork: Map<string, number>;
  /** Ids the group's library no longer holds. */
  missing: number;
}

const blocksOf = (corpus: Corpus, ids: string[]) => ids.map((id) => corpus.block(id)).filter((b): b is Block => b !== undefined);

export function collectNotes(corpus: Corpus, record: ThreadRecord): CollectedNotes {
  const out: CollectedNotes = { passages: [], translations: [], sources: [], passagesPerWork: new Map(), missing: 0 };
  const shownPairs = new Map<string, NoteEntry['translations'][number]>();
  for (const n of record.notes) for (const t of n.translations) if (!shownPairs.has(t.pairId)) shownPairs.set(t.pairId, t);
  const quoted = new Set<string>();
  for (const note of record.notes) {
    for (const p of note.passages) {
      const block = corpus.block(p.id);
      const work = corpus.workOf(p.id);
      if (!block || !work) {
        out.missing++;
        continue;
      }
      out.sources.push({ work });
      if (quoted.has(block.id)) continue;
      quoted.add(block.id);
      out.passagesPerWork.set(work.meta.id, (out.passagesPerWork.get(work.meta.id) ?? 0) + 1);
      const shown = block.pair ? shownPairs.get(block.pair) : undefined;
      const translation = shown ? blocksOf(corpus, block.role === 'translation' ? shown.original : shown.translation) : [];
      out.passages.push({ block, work, by: note.by, at: note.at, ...(translation.length ? { translation } : {}) });
    }
    for (const t of note.translations) addTranslation(corpus, out, t, note, quoted);
    for (const c of note.citations) {
      const entry = c.entryId ? corpus.entry(c.entryId) : undefined;
      const work = corpus.work(c.workId);
      if (!work) out.missing++;
      else out.sources.push(entry ? { work, entry } : { work });
    }
  }
  return out;
}

function addTranslation(corpus: Corpus, out: CollectedNotes, t: NoteEntry['translations'][number], note: NoteEntry, quoted: Set<string>): void {
  const work = corpus.work(t.workId);
  const original = blocksOf(corpus, t.original);
  if (!work || !original.length) {
    out.missing++;
    return;
  }
  out.sources.push({ work });
  // Shown with a quoted passage already (its translation goes under it), or shown before.
  if (original.some((b) => quoted.has(b.id)) || out.translations.some((x) => x.pairId === t.pairId)) return;
  out.translations.push({ pairId: t.pairId, work, original, translation: blocksOf(corpus, t.translation), by: note.by, at: note.at });
}
