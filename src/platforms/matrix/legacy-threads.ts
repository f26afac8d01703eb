/** Threads older versions kept in matrix.json move to the conversation module once, at start-up. */
import type { Logger } from 'pino';
import type { ThreadRecord } from '../../conversation/records.ts';
import type { ConversationStore } from '../../conversation/store.ts';
import { MATRIX_PROFILE_ID } from './profile.ts';
import type { MatrixState } from './state.ts';

export async function moveLegacyThreads(state: MatrixState, conversations: ConversationStore, log: Logger, now: number): Promise<number> {
  const moved = await state.takeLegacyThreads(async (threads) => {
    const records: ThreadRecord[] = Object.entries(threads).map(([root, t]) => ({
      platform: MATRIX_PROFILE_ID,
      scope: t.roomId,
      thread: root,
      updatedAt: t.updatedAt ?? now,
      notes: [],
      ...(t.passage ? { passage: t.passage } : {}),
      ...(t.workId ? { workId: t.workId } : {}),
      ...(t.lastCitation ? { lastCitation: t.lastCitation } : {}),
    }));
    await conversations.adopt(records, now);
  });
  if (moved) log.info({ threads: moved }, 'moved threads from matrix.json to conversations.json');
  return moved;
}
