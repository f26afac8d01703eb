/**
 * What of a reply goes into its thread's notes: the passages it showed (by id), the citations it
 * resolved, the translations it laid side by side. Taken from the neutral reply, so it is the same
 * on every door and holds nothing the reply did not post.
 */
import type { Reply } from '../reply/model.ts';
import type { NoteEntry } from './records.ts';

/** Entries kept per thread; the oldest go first (a long discussion keeps its latest quotations). */
export const MAX_NOTES_PER_THREAD = 200;
const MAX_ITEMS = 25;
const MAX_NAME = 100;

export interface Asker {
  /** Display name (never a user id, never a mention). */
  name: string;
  at: number;
}

export function noteEntryOf(command: string, reply: Reply, asker: Asker): NoteEntry | undefined {
  if (reply.error || reply.empty) return undefined;
  const passages: NoteEntry['passages'] = [];
  const translations: NoteEntry['translations'] = [];
  for (const s of reply.sections) {
    if (s.kind === 'passage' && !passages.some((p) => p.id === s.passage.id)) passages.push({ id: s.passage.id, workId: s.passage.work.id });
    if (s.kind === 'columns') {
      const c = s.columns;
      const known = translations.find((t) => t.pairId === c.pairId);
      if (known) {
        known.original.push(...(c.original.ids ?? []));
        known.translation.push(...(c.translation.ids ?? []));
      } else translations.push({ pairId: c.pairId, workId: c.work.id, original: [...(c.original.ids ?? [])], translation: [...(c.translation.ids ?? [])] });
    }
  }
  const citations = reply.lastCitation ? [reply.lastCitation] : [];
  if (!passages.length && !translations.length && !citations.length) return undefined;
  return {
    at: asker.at,
    by: asker.name.replace(/[@<>]/gu, '').trim().slice(0, MAX_NAME) || 'someone',
    command: command.slice(0, 40),
    passages: passages.slice(0, MAX_ITEMS),
    citations,
    translations: translations.slice(0, MAX_ITEMS),
  };
}
