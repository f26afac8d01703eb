/**
 * No silent loss of state: a settings write that fails is reported to the person who asked ("Could
 * not save: …") and logged with its cause; an unreadable settings file is set aside (kept, never
 * deleted) and each group is told on its next command that its settings are back to the defaults.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { createApp, type App } from '../src/app.ts';
import { createDispatch } from '../src/dispatch/dispatch.ts';
import type { Dispatch } from '../src/dispatch/invocation.ts';
import type { Scope } from '../src/dispatch/types.ts';
import { parseConfig } from '../src/config.ts';
import { discordProfile } from '../src/platforms/discord/profile.ts';
import type { Reply } from '../src/reply/model.ts';
import { SETTINGS_FILE } from '../src/settings/group-settings.ts';
import { realCorpus } from './helpers/corpus.ts';

let dir: string;
let app: App;
let dispatch: Dispatch;
const lines: string[] = [];

const scope = (collection: string): Scope => ({ platform: discordProfile, userId: 'organiser', collection, canManage: true, defaults: { style: 'chicago', layout: 'stacked', visibility: 'public' } }) as Scope;
const text = (r: Reply) => [r.title, r.error?.message ?? '', ...r.sections.map((s) => ('text' in s ? s.text : JSON.stringify(s)))].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-loss-'));
  await mkdir(path.join(dir, 'state'), { recursive: true });
  await writeFile(path.join(dir, 'state', SETTINGS_FILE), '{"format":"lectern.settings","version":1,"groups":{"g1":{"style":"mla"}'); // cut short
  const { build } = await realCorpus();
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
  app = await createApp(parseConfig({ LECTERN_DATA_DIR: dir, LOG_LEVEL: 'info' }), log, { build: { ...build, inputs: 'test' } });
  dispatch = createDispatch(app, commands);
});
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('State: nothing lost without a word', () => {
  it('GIVEN an unreadable settings file THEN it is kept aside, and each group is told once, on its next command', async () => {
    const files = await readdir(path.join(dir, 'state'));
    expect(files.some((f) => f.startsWith(`${SETTINGS_FILE}.unreadable-`))).toBe(true);
    expect(lines.join('')).toContain('set aside');
    const first = await dispatch({ command: 'works', args: {}, scope: scope('g1'), requestId: '1' });
    expect(text(first)).toContain("This group's settings could not be read and are back to the defaults");
    expect(text(first)).toContain('Works');
    const again = await dispatch({ command: 'works', args: {}, scope: scope('g1'), requestId: '2' });
    expect(text(again)).not.toContain('could not be read');
    const other = await dispatch({ command: 'works', args: {}, scope: scope('g2'), requestId: '3' });
    expect(text(other)).toContain('could not be read');
  });

  it('GIVEN a settings write that fails THEN /settings answers "Could not save" (not "Settings saved") and the cause is logged', async () => {
    // A directory where the file goes: the atomic rename fails even for root.
    const file = path.join(dir, 'state', SETTINGS_FILE);
    await rm(file, { force: true });
    await mkdir(path.join(file, 'blocker'), { recursive: true });
    const reply = await dispatch({ command: 'settings', args: { style: 'apa' }, scope: scope('g3'), requestId: '4' });
    expect(reply.error?.identifier).toBe('settings.not-saved');
    expect(reply.title).not.toContain('Settings saved');
    expect(text(reply)).toMatch(/^Could not save: /m);
    expect(lines.join('')).toContain('could not write the settings state');
    // Once the folder is fixed, the next change saves everything.
    await rm(file, { recursive: true, force: true });
    const saved = await dispatch({ command: 'settings', args: { style: 'mla' }, scope: scope('g3'), requestId: '5' });
    expect(saved.error).toBeUndefined();
    expect(saved.title).toBe('Settings saved');
  });
});
