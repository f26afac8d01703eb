/** Matrix behind the Platform interface: the bot, syncing with the homeserver. */
import type { Platform } from '../../dispatch/platform.ts';
import type { Reply } from '../../reply/model.ts';
import { startMatrixBot, type MatrixBot } from './bot.ts';
import { fitPages } from './pages.ts';
import { matrixProfile } from './profile.ts';

export function matrixPlatform(prefix: string): Platform {
  let bot: MatrixBot | undefined;
  return {
    profile: matrixProfile({ prefix }),
    async start(deps) {
      bot = await startMatrixBot({ ...deps, conversations: deps.conversations, log: deps.log.child({ platform: 'matrix' }), commands: [...deps.commands], stateDir: deps.config.stateDir, ...(deps.state ? { state: deps.state } : {}) });
    },
    async stop() {
      await bot?.stop();
    },
    render: (reply: Reply) => fitPages(reply, { layout: 'stacked', prefix }).pages,
    connected: () => bot?.connected() ?? false,
    queues: () => {
      const q = bot?.queues() ?? { rooms: 0, events: 0 };
      return { 'matrix-events': q.events, 'matrix-rooms': q.rooms };
    },
  };
}
