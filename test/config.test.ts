import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';

describe('GIVEN the environment', () => {
  it('THEN no variable is required and defaults apply', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ LOG_LEVEL: 'info', LECTERN_DEFAULT_STYLE: 'chicago', LECTERN_DEFAULT_LAYOUT: 'stacked', MATRIX_PREFIX: '!' });
    expect(c.corpusDir.endsWith('data/corpus')).toBe(true);
  });

  it('THEN every problem is listed at once, naming the variable', () => {
    try {
      parseConfig({ LOG_LEVEL: 'loud', DISCORD_HTTP_PORT: '70000', DISCORD_PUBLIC_KEY: 'zz', MATRIX_HOMESERVER_URL: 'https://m.example.org', RATE_LIMIT_PER_MINUTE: '-3' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['LOG_LEVEL', 'DISCORD_HTTP_PORT', 'DISCORD_PUBLIC_KEY', 'MATRIX_ACCESS_TOKEN', 'RATE_LIMIT_PER_MINUTE']) expect(problems).toContain(name);
      expect((err as Error).message).toContain('.env.example');
    }
  });

  it('THEN Matrix room groups map each room to its group\'s library, and a malformed spec is refused', () => {
    const c = parseConfig({ MATRIX_ROOM_GROUPS: 'reading=!a:example.org,!b:example.org; seminar=!c:example.org' });
    expect([...c.matrixRoomGroups]).toEqual([
      ['!a:example.org', 'matrix-group-reading'],
      ['!b:example.org', 'matrix-group-reading'],
      ['!c:example.org', 'matrix-group-seminar'],
    ]);
    expect(() => parseConfig({ MATRIX_ROOM_GROUPS: 'Reading Group=#alias:example.org' })).toThrow(/MATRIX_ROOM_GROUPS/);
  });
});
