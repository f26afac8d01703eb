/** Threads older versions kept in matrix.json move to the conversation module once, at start-up. */
import type { Logger } from 'pino';
import { ConversationStore } from '../../conversation/store.ts';
import { MATRIX_PROFILE_ID } from './profile.ts';
import type { MatrixState } from './state.ts';

export async function moveLegacyThreads(state: MatrixState, conversations: ConversationStore, log: Logger, now: number): Promise<number> {
  const moved = await state.takeLegacyThreads(async (threads) => {
    const records = Object.entries(threads).map(([root, t]) => ConversationStore.legacyRecord(MATRIX_PROFILE_ID, t.roomId, root, t, now));
    await conversations.adopt(records, now);
  });
  if (moved) log.info({ threads: moved }, 'moved threads from matrix.json to conversations.json');
  return moved;
}
