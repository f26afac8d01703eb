/**
 * Discuss, the same on every door: a thread opened on one passage, titled after the passage's place
 * in the source, starting from its work (commands there default to it) and its citation (what Ibid.
 * first refers to). Doors only create the thread and announce it.
 */
import type { ActionRequest } from '../dispatch/actions.ts';
import type { Reply } from '../reply/model.ts';
import { truncate } from '../reply/split.ts';
import type { Opening } from './store.ts';
import type { ThreadPlace } from './key.ts';

/** Discussing a passage shows it alone: its context without the paragraphs around it. */
export const discussRequest = (passage: string): ActionRequest => ({ command: 'context', args: { passage: passage.trim(), before: 0, after: 0 } });

/** The thread's title: where the passage stands in its work ("Trotsky's Lies, ch. 2, ¶ 14, p. 35"), within the door's limit. */
export function discussionTitle(reply: Reply, limit: number): string {
  const passage = reply.sections.find((s) => s.kind === 'passage');
  const name = passage?.kind === 'passage' ? passage.passage.locatorLabel || `${passage.passage.work.title} ${passage.passage.id}` : reply.title;
  return truncate(name.replace(/\s+/gu, ' ').trim(), limit) || 'Discussion';
}

/** What a new discussion remembers, from the reply that shows its passage. */
export function openingOf(place: ThreadPlace, passage: string, reply: Reply, title: string): Opening {
  return { ...place, passage: passage.trim(), title, shown: reply, ...(reply.workId ? { workId: reply.workId } : {}), ...(reply.lastCitation ? { lastCitation: reply.lastCitation } : {}) };
}

/** The first words inside a discussion: what it defaults to (the door adds how its commands are typed). */
export function discussionIntro(reply: Reply): string {
  return [
    reply.workId ? `Commands sent here search ${reply.workId} unless told otherwise.` : '',
    reply.lastCitation ? `"Ibid." here refers to: ${reply.lastCitation.text}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
