/**
 * The line protocol: a door for scripts and other programs, built only through the Platform
 * interface. Each line read is a command, typed (`/quote peppery dishes`) or as JSON
 * (`{"id": 7, "command": "quote", "args": {"query": "peppery dishes"}}`); each answer is one JSON
 * line: `{"id", "command", "title", "pages": [text…], "error"?: {identifier, message}}`, in order.
 * It has no group, no threads, no files and no buttons: the bundled corpus, answered in plain text.
 */
import { createInterface } from 'node:readline';
import type { Platform, PlatformDeps, PlatformProfile } from '../../dispatch/platform.ts';
import { parseCommandLine } from '../../dispatch/parse-line.ts';
import type { Scope } from '../../dispatch/types.ts';
import type { Reply } from '../../reply/model.ts';
import { paginate } from '../../reply/paginate.ts';
import { plainText } from './plain.ts';

export const linesProfile: PlatformProfile = {
  id: 'lines',
  commandPrefix: '/',
  capabilities: { threads: false, files: false, hiddenReplies: false, buttons: false },
  budget: { maxBody: 8_000, maxField: 4_000, maxFieldName: 200, maxTitle: 300, maxFields: 50, maxTotal: 16_000 },
  describePermission: (_permission, doing) => `Nobody may ${doing} through the line protocol; use the console or a chat group.`,
  describeAttachment: (usage) => `The line protocol takes no files; use the console to ${usage}.`,
};

type Request = { id?: unknown; command: string; args: Record<string, unknown> } | { id?: unknown; error: { identifier: string; message: string } };

function requestOf(line: string, deps: PlatformDeps): Request | undefined {
  const text = line.trim();
  if (!text) return undefined;
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as { id?: unknown; command?: unknown; args?: unknown };
      if (typeof json.command !== 'string') return { id: json.id, error: { identifier: 'lines.bad-request', message: 'A JSON request needs "command" (a string) and may have "args" (an object) and "id".' } };
      const args = typeof json.args === 'object' && json.args !== null ? (json.args as Record<string, unknown>) : {};
      return { id: json.id, command: json.command, args };
    } catch {
      return { error: { identifier: 'lines.bad-json', message: 'The line starts with { but is not valid JSON.' } };
    }
  }
  const parsed = parseCommandLine(text.startsWith('/') ? text : `/${text}`, { prefixes: ['/'], commands: deps.commands });
  return parsed ?? undefined;
}

export const render = (reply: Reply): string[] => paginate(reply, linesProfile.budget).map(plainText);

export function linesPlatform(): Platform {
  let closed: (() => void) | undefined;
  const done = new Promise<void>((resolve) => (closed = resolve));
  let stopping = false;
  return {
    profile: linesProfile,
    done,
    async start(deps) {
      const { config } = deps;
      const scope: Scope = { platform: linesProfile, userId: 'lines', defaults: { style: config.LECTERN_DEFAULT_STYLE, layout: 'stacked', visibility: 'public' } };
      const rl = createInterface({ input: deps.io.input, terminal: false });
      const write = (o: object) => deps.io.output.write(`${JSON.stringify(o)}\n`);
      let queue = Promise.resolve();
      rl.on('line', (line) => {
        queue = queue.then(async () => {
          const request = stopping ? undefined : requestOf(line, deps);
          if (!request) return;
          const id = request.id === undefined ? {} : { id: request.id };
          if ('error' in request) return void write({ ...id, error: request.error });
          const reply = await deps.dispatch({ command: request.command, args: request.args, scope, requestId: `lines-${Date.now()}` });
          write({ ...id, command: request.command, title: reply.title, pages: render(reply), ...(reply.error ? { error: reply.error } : {}) });
        });
      });
      rl.once('close', () => void queue.then(() => closed?.()));
    },
    async stop() {
      stopping = true;
    },
    render,
  };
}
