/** Matrix as the core sees it: `!` commands (MATRIX_PREFIX), events of ~60 KB, threads, no hidden replies. */
import type { PlatformProfile } from '../../dispatch/platform.ts';
import { MATRIX_BUDGET } from './limits.ts';

/** The door's id: the conversation module keys Matrix threads with it. */
export const MATRIX_PROFILE_ID = 'matrix';

export function matrixProfile(options: { prefix: string; botName?: string }): PlatformProfile {
  const p = options.prefix;
  return {
    id: MATRIX_PROFILE_ID,
    commandPrefix: p,
    capabilities: { threads: true, files: true, hiddenReplies: false, buttons: false },
    budget: MATRIX_BUDGET,
    describePermission: (_permission, doing) => `Only room members with the power level set by MATRIX_LIBRARY_POWER_LEVEL may ${doing}. Ask a room moderator.`,
    describeAttachment: (usage) => `Upload the file to the room, then answer it with "${p}${usage}".`,
    helpFields: () => [
      { name: `${p}more`, value: 'The next part of a long answer (reacting to the answer does the same).' },
      { name: `${p}layout side-by-side|stacked`, value: 'How this room shows translations. Stacked is the default; Element X does not show tables.' },
      { name: `${p}discuss <passage id>`, value: 'Start a thread on a passage: commands in it default to its work, and Ibid. refers to the last citation there.' },
      { name: 'Mentions', value: `Commands also work after the bot's name and a colon, as in "${options.botName ?? 'lectern'}: quote peppery dishes".` },
    ],
  };
}
