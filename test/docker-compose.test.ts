/**
 * docker-compose.yml cannot be run here (no Docker engine, no compose plugin), so this checks what
 * a compose run would get wrong without a word: a variable it reads that .env.example does not list,
 * a secret written into the file, the database URL not pointing at the database service, a port the
 * image does not serve, a volume used but not declared.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';

const read = (name: string) => readFile(path.join(PROJECT_ROOT, name), 'utf8');

describe('GIVEN docker-compose.yml', () => {
  it('THEN it runs postgres:15 and Lectern, whose LECTERN_DATABASE_URL names that service, its user and database, with the password from .env', async () => {
    const compose = await read('docker-compose.yml');
    expect(compose).toMatch(/^\s+image: postgres:15$/m);
    const user = /POSTGRES_USER: (\w+)/.exec(compose)?.[1];
    const db = /POSTGRES_DB: (\w+)/.exec(compose)?.[1];
    const url = /LECTERN_DATABASE_URL: (.+)$/m.exec(compose)?.[1];
    expect(url).toBe(`postgres://${user}:\${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}@postgres:5432/${db}`);
    expect(compose).toMatch(/condition: service_healthy/);
  });

  it('THEN every variable it reads is listed in .env.example, secrets come only from .env, and .env is never committed or sent to the build', async () => {
    const [compose, example, gitignore, dockerignore] = await Promise.all([read('docker-compose.yml'), read('.env.example'), read('.gitignore'), read('.dockerignore')]);
    const read_ = [...compose.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!);
    expect(read_.length).toBeGreaterThan(0);
    for (const name of new Set(read_)) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
    expect(compose).toMatch(/^\s+env_file: \.env$/m);
    // No literal value for anything secret.
    expect(compose).not.toMatch(/(PASSWORD|TOKEN|SECRET|KEY):\s+(?!\$\{)\S/);
    expect(gitignore.split('\n')).toContain('.env');
    expect(dockerignore.split('\n')).toContain('.env');
  });

  it('THEN each service keeps its data on a declared volume, and the published ports are the ones the image serves', async () => {
    const [compose, dockerfile] = await Promise.all([read('docker-compose.yml'), read('Dockerfile')]);
    const used = [...compose.matchAll(/^\s+- ([\w-]+):\/(\S+)$/gm)].map((m) => [m[1], `/${m[2]}`]);
    expect(Object.fromEntries(used)).toEqual({ 'postgres-data': '/var/lib/postgresql/data', 'lectern-state': '/app/data/state' });
    const declared = compose.slice(compose.indexOf('\nvolumes:')).match(/^ {2}([\w-]+):$/gm)?.map((v) => v.trim().slice(0, -1));
    expect(declared).toEqual(['postgres-data', 'lectern-state']);
    expect(dockerfile).toContain('VOLUME ["/app/data/state"]');
    const exposed = /^EXPOSE (.+)$/m.exec(dockerfile)?.[1]?.split(/\s+/).map(Number);
    const published = [...compose.matchAll(/- "(?:[\d.]+:)?\d+:(\d+)"/g)].map((m) => Number(m[1]));
    expect(published.sort()).toEqual(exposed?.sort());
  });
});
