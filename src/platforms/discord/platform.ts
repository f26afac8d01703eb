/** Discord behind the Platform interface: the gateway and/or the HTTP interactions endpoint. */
import type { Platform } from '../../dispatch/platform.ts';
import type { Reply } from '../../reply/model.ts';
import { startDiscord, type RunningDiscord } from './index.ts';
import { discordPages } from './pages.ts';
import { discordProfile } from './profile.ts';

export function discordPlatform(): Platform {
  let running: RunningDiscord | undefined;
  return {
    profile: discordProfile,
    async start(deps) {
      running = await startDiscord({ ...deps, log: deps.log.child({ platform: 'discord' }), commands: [...deps.commands], stateDir: deps.config.stateDir });
    },
    connected: () => running?.connected() ?? false,
    async stop() {
      await running?.stop();
    },
    render: (reply: Reply) => discordPages(reply, { layout: 'stacked', idFor: () => undefined, citeSelectId: () => undefined }),
  };
}
