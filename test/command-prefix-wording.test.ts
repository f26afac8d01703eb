/**
 * Issue 13: prefixes come from the platform. A reply that points to another command names it as it
 * is typed where it was asked ("!works" on Matrix with MATRIX_PREFIX=!, "works" in the CLI).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { matrixProfile } from '../src/platforms/matrix/profile.ts';
import { createRealDispatch, testScope, type RealDispatch } from './helpers/real-dispatch.ts';

let real: RealDispatch;
beforeAll(async () => {
  real = await createRealDispatch();
});

const scope = testScope({ platform: { ...matrixProfile({ prefix: '!' }), operator: true }, collection: 'prefix-test-room' });
const words = async (command: string, args: Record<string, unknown>) => JSON.stringify(await real.dispatch({ command, args, scope }));

describe('GIVEN a platform whose commands are typed with "!"', () => {
  it.each([
    ['quote', { query: 'zzzqqqxx' }, '!works'],
    ['translate', { query: 'zzzqqqxx' }, '!quote'],
    ['translate', { query: 'nosuch.p1' }, '!quote'],
    ['context', { passage: 'nosuch.p1' }, '!quote'],
    ['cite', { passage: 'nosuch.p1' }, '!quote'],
    ['library', {}, '!library action:add'],
    ['library', { action: 'edit' }, '!library action:edit work:<id>'],
  ])('THEN /%s %j names the other command as %s, never with a slash', async (command, args, expected) => {
    const said = await words(command, args);
    expect(said).toContain(expected);
    expect(said).not.toMatch(/[\s(]\/(quote|works|library)\b/);
  });
});

describe('GIVEN a command whose needs are not met, asked on a platform typed with "!"', () => {
  const outside = testScope({ platform: { ...matrixProfile({ prefix: '!' }), operator: false }, canManage: false });
  it('THEN /settings outside a group says "!settings", and /library outside a group says "!works"', async () => {
    const settings = JSON.stringify(await real.dispatch({ command: 'settings', args: { style: 'mla' }, scope: outside }));
    expect(settings).toContain('!settings');
    expect(settings).not.toContain('{cmd}');
    const library = JSON.stringify(await real.dispatch({ command: 'library', args: {}, scope: outside }));
    expect(library).toContain('!works');
    expect(library).not.toMatch(/\/works|\{cmd\}/);
  });

  it('THEN an organiser-only change refused inside a group names "!settings" too', async () => {
    const member = testScope({ platform: { ...matrixProfile({ prefix: '!' }), operator: false }, canManage: false, collection: 'prefix-test-room' });
    const refused = JSON.stringify(await real.dispatch({ command: 'settings', args: { style: 'mla' }, scope: member }));
    expect(refused).toContain('!settings with no options shows them');
  });
});
