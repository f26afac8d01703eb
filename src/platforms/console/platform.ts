/** The console behind the Platform interface: the prompt on the process's own terminal or pipe. */
import type { Platform } from '../../dispatch/platform.ts';
import type { Reply } from '../../reply/model.ts';
import { paginate } from '../../reply/paginate.ts';
import { consoleProfile } from './profile.ts';
import { runConsole } from './repl.ts';
import { renderConsole } from './render.ts';

export function consolePlatform(): Platform {
  let closed: (() => void) | undefined;
  const done = new Promise<void>((resolve) => (closed = resolve));
  const profile = consoleProfile();
  return {
    profile,
    done,
    async start(deps) {
      const { config } = deps;
      void runConsole({
        dispatch: deps.dispatch,
        definitions: deps.commands,
        defaults: { style: config.LECTERN_DEFAULT_STYLE, layout: config.LECTERN_DEFAULT_LAYOUT, visibility: 'public' },
        input: deps.io.input,
        output: deps.io.output,
        interactive: deps.io.interactive,
        log: deps.log,
        settings: deps.settings,
        conversations: deps.conversations,
        ...(deps.banner ? { banner: deps.banner } : {}),
      })
        .catch((err: unknown) => deps.log.error({ err }, 'the console stopped'))
        .finally(() => closed?.());
    },
    async stop() {},
    render: (reply: Reply) => paginate(reply, profile.budget).map((page) => renderConsole(page, { width: 100, color: false })),
  };
}
