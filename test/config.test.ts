import { describe, expect, it } from 'vitest';
import { ConfigError, configuredSecrets, discordGatewayEnabled, discordHttpEnabled, discordHttpWorkersEnabled, discordShardsEnabled, matrixEnabled, parseConfig, withRole } from '../src/config.ts';

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

describe('GIVEN Matrix rooms and tokens in the environment', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      parseConfig(env);
      return [];
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems;
    }
  };

  it('THEN a room in two groups, a malformed group, a bad room id and a repeated group are each reported, with the other problems', () => {
    const problems = problemsOf({
      MATRIX_ROOM_GROUPS: 'reading=!a:example.org,!b:example.org;seminar=!b:example.org,room-without-bang;broken entry;reading=!c:example.org',
      LOG_LEVEL: 'loud',
    });
    const text = problems.join('\n');
    expect(text).toContain('!b:example.org is in two groups ("reading" and "seminar")');
    expect(text).toContain('"room-without-bang" in "seminar" is not a Matrix room id');
    expect(text).toContain('"broken entry" should look like name=');
    expect(text).toContain('the group "reading" is named twice');
    expect(text).toContain('LOG_LEVEL');
    expect(problems.filter((p) => p.startsWith('MATRIX_ROOM_GROUPS')).length).toBe(4);
  });

  it('THEN a group without rooms is refused and room ids without a server part (room version 12) are accepted', () => {
    expect(problemsOf({ MATRIX_ROOM_GROUPS: 'empty=' }).join()).toContain('lists no room');
    expect(parseConfig({ MATRIX_ROOM_GROUPS: 'new=!Q2FsbGVkQnlSb29tVjEy' }).matrixRoomGroups.get('!Q2FsbGVkQnlSb29tVjEy')).toBe('matrix-group-new');
  });

  it('THEN tokens with white space inside are flagged, naming the variable', () => {
    const problems = problemsOf({ DISCORD_TOKEN: 'abc.def ghi', MATRIX_HOMESERVER_URL: 'https://m.example.org', MATRIX_ACCESS_TOKEN: 'syt_abc\ndef' });
    expect(problems.some((p) => p.startsWith('DISCORD_TOKEN: contains white space'))).toBe(true);
    expect(problems.some((p) => p.startsWith('MATRIX_ACCESS_TOKEN: contains white space'))).toBe(true);
  });

  it('THEN bad allowed rooms and servers are reported', () => {
    const text = problemsOf({ MATRIX_ALLOWED_ROOMS: '!ok:example.org,#ok:example.org,general', MATRIX_ALLOWED_SERVERS: 'example.org,not a server' }).join('\n');
    expect(text).toContain('MATRIX_ALLOWED_ROOMS: "general" is not a room id or alias');
    expect(text).toContain('MATRIX_ALLOWED_SERVERS: "not a server" is not a server name');
    expect(text).not.toContain('!ok:example.org');
  });

  it('THEN LECTERN_DATABASE_URL must be a PostgreSQL URL, and its password is masked in logs like a token', () => {
    expect(() => parseConfig({ LECTERN_DATABASE_URL: 'mysql://x@y/z' })).toThrow(/LECTERN_DATABASE_URL: a PostgreSQL URL like postgres:\/\//);
    const c = parseConfig({ LECTERN_DATABASE_URL: 'postgres://lectern:p%40ss@db:5432/lectern' });
    expect(c.LECTERN_DATABASE_URL).toBe('postgres://lectern:p%40ss@db:5432/lectern');
    expect(configuredSecrets(c)).toContain('p@ss');
    expect(parseConfig({}).LECTERN_DATABASE_URL).toBeUndefined();
  });
});

describe('GIVEN DISCORD_SHARDS and DISCORD_HTTP_WORKERS', () => {
  const key = 'a'.repeat(64);
  it('THEN a count or auto is read, and unset keeps one gateway connection in this process', () => {
    expect(parseConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '4' }).DISCORD_SHARDS).toBe(4);
    expect(parseConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    const single = parseConfig({ DISCORD_TOKEN: 't' });
    expect([single.DISCORD_SHARDS, discordGatewayEnabled(single), discordShardsEnabled(single)]).toEqual([undefined, true, false]);
  });

  it('THEN with shards the main process supervises and each shard process holds the gateway, serving no HTTP, Matrix or ops port', () => {
    const c = parseConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '2', DISCORD_PUBLIC_KEY: key, DISCORD_HTTP_PORT: '8080', MATRIX_HOMESERVER_URL: 'https://m.example.org', MATRIX_ACCESS_TOKEN: 'x', LECTERN_OPS_PORT: '9090' });
    expect([discordShardsEnabled(c), discordGatewayEnabled(c), discordHttpEnabled(c), matrixEnabled(c)]).toEqual([true, false, true, true]);
    const shard = withRole(c, { kind: 'discord-shard', shard: 1 });
    expect([discordShardsEnabled(shard), discordGatewayEnabled(shard), discordHttpEnabled(shard), matrixEnabled(shard), shard.LECTERN_OPS_PORT]).toEqual([false, true, false, false, undefined]);
  });

  it('THEN with HTTP workers each worker serves the endpoint alone and the main process none', () => {
    const c = parseConfig({ DISCORD_TOKEN: 't', DISCORD_PUBLIC_KEY: key, DISCORD_HTTP_PORT: '8080', DISCORD_HTTP_WORKERS: '3' });
    expect([discordHttpWorkersEnabled(c), discordHttpEnabled(c), discordGatewayEnabled(c)]).toEqual([true, false, true]);
    const worker = withRole(c, { kind: 'discord-http-worker', worker: 0 });
    expect([discordHttpWorkersEnabled(worker), discordHttpEnabled(worker), discordGatewayEnabled(worker)]).toEqual([false, true, false]);
  });

  it('THEN a bad count, shards without a token, or workers without the endpoint are reported by name', () => {
    for (const bad of ['0', '-1', 'two', '2.5']) expect(() => parseConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: bad })).toThrow(/DISCORD_SHARDS: a number of shards/);
    expect(() => parseConfig({ DISCORD_SHARDS: '2' })).toThrow(/DISCORD_SHARDS: shards are gateway connections; set DISCORD_TOKEN/);
    expect(() => parseConfig({ DISCORD_HTTP_WORKERS: '2' })).toThrow(/DISCORD_HTTP_WORKERS: several HTTP workers need the HTTP endpoint/);
    expect(() => parseConfig({ DISCORD_PUBLIC_KEY: key, DISCORD_HTTP_PORT: '8080', DISCORD_HTTP_WORKERS: '0' })).toThrow(/DISCORD_HTTP_WORKERS/);
  });
});
