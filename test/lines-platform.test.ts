/**
 * A fourth door built only through the Platform interface: the line protocol, registered in
 * src/platforms/index.ts, driven here over streams with the real commands on the real corpus.
 */
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../src/platforms/index.ts';
import { silentLogger } from '../src/logger.ts';
import { createRealDispatch, type RealDispatch } from './helpers/real-dispatch.ts';

let real: RealDispatch;
beforeAll(async () => {
  real = await createRealDispatch();
});

/** Starts the line protocol as `npm start -- --platform lines` does, feeds it lines, and reads its answers. */
async function converse(lines: string[]): Promise<Record<string, unknown>[]> {
  const platform = await PLATFORMS.find((p) => p.name === 'lines')!.create(real.app.config);
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  await platform.start({
    config: real.app.config,
    log: silentLogger(),
    dispatch: real.dispatch,
    autocomplete: real.autocomplete,
    commands: real.commands,
    settings: real.app.settings,
    conversations: real.app.conversations,
    io: { input, output, interactive: false },
  });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await platform.done;
  await platform.stop();
  return text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('GIVEN the line protocol, a door built only through the Platform interface', () => {
  it('THEN a typed command and a JSON one are answered in order, one JSON line each, with the real passage and its citation', async () => {
    const answers = await converse(['/quote peppery dishes limit:1', '{"id": 7, "command": "cite", "args": {"passage": "trotskys-lies.p37", "style": "mla"}}']);
    expect(answers).toHaveLength(2);
    const [quote, cite] = answers as [{ command: string; pages: string[]; error?: unknown }, { id: number; command: string; pages: string[] }];
    expect(quote.command).toBe('quote');
    expect(quote.error).toBeUndefined();
    expect(quote.pages.join('\n')).toMatch(/peppery dishes/i);
    expect(quote.pages.join('\n')).toMatch(/\[trotskys-lies\.p\d+\]/);
    expect(cite.id).toBe(7);
    expect(cite.pages.join('\n')).toContain('Furr');
  });

  it('THEN help speaks its prefix and lists the commands, and what the door cannot do is refused in its own words with a stable id', async () => {
    const [help, library, bad] = (await converse(['/help', '/library action:add', '{"command": 3}'])) as [{ pages: string[] }, { error: { identifier: string; message: string } }, { error: { identifier: string } }];
    expect(help.pages.join('\n')).toContain('/quote');
    expect(help.pages.join('\n')).not.toMatch(/Manage Server|!more/);
    // The line protocol has no group: the library belongs to one.
    expect(library.error.identifier).toBe('library.no-collection');
    expect(bad.error.identifier).toBe('lines.bad-request');
  });
});
