/**
 * The CLI contracts other tools rely on, run as a user runs them: a child process on the real
 * corpus. Chat credentials are removed from the environment so `start` opens the console.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { runLectern } from './helpers/lectern-process.ts';


const lectern = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) => runLectern(args, options);

beforeAll(async () => {
  // One build first, so the child processes below do not all build at once.
  const r = await lectern(['ingest']);
  expect(r.code).toBe(0);
}, 120_000);

describe('GIVEN the quote command with --json', () => {
  it('THEN it writes one JSON document with the contract fields and nothing else', async () => {
    const r = await lectern(['quote', '--json', '--limit', '2', 'peppery dishes']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out.query).toBe('peppery dishes');
    expect(out.results).toHaveLength(2);
    expect(Object.keys(out.results[0]).sort()).toEqual(expect.arrayContaining(['citation', 'id', 'locator', 'score', 'text', 'work']));
    expect(out.results[0].work).toEqual({ id: 'trotskys-lies', title: "Trotsky's Lies", author: 'Grover Furr' });
    expect(out.results[0].locator).toMatchObject({ work: 'trotskys-lies', chapter: 1 });
  }, 60_000);

  it('THEN batch mode answers one line per query, in order, an unusable query included', async () => {
    const r = await lectern(['quote', '--json', '--limit', '5', '-'], { input: 'Ежов\n\n"no system of censorship is without its failures"\n🙂\n' });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['Ежов', '', '"no system of censorship is without its failures"', '🙂']);
    expect(lines[0].results.length).toBeGreaterThan(0);
    expect(lines[1]).toMatchObject({ results: [] });
    expect(lines[1].error).toMatch(/Type something/);
    expect(lines[2].results[0].text).toContain('no system of\u00a0censorship is without its failures');
    expect(lines[3]).toMatchObject({ results: [] });
    expect(lines[3].error).toBeTruthy();
  }, 60_000);
});

describe('GIVEN translate, source and cite from the command line', () => {
  it('THEN translate --json gives the best pair first, both sides with language and locator', async () => {
    const r = await lectern(['translate', '--json', 'Группа Зиновьева была арестована по делу об убийстве Кирова']);
    const out = JSON.parse(r.stdout);
    expect(out.pairs[0].original).toMatchObject({ lang: 'ru' });
    expect(out.pairs[0].original.text).toContain('Группа Зиновьева была арестована по делу об убийстве Кирова.');
    expect(out.pairs[0].translation.text).toContain('The Zinoviev group was arrested in connection with the Kirov assassination.');
    expect(out.pairs[0].work).toEqual({ id: 'trotskys-lies', title: "Trotsky's Lies" });
  }, 60_000);

  it('THEN source --json resolves a siglum and keeps the entry\'s own words', async () => {
    const r = await lectern(['source', '--json', '--style', 'mla', '(Main 185)']);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ query: '(Main 185)', resolved: true, locator: '185', work: { id: 'trotskys-lies' } });
    expect(out.entry.text).toMatch(/^Main, Steven J\. "The Arrest and 'Testimony'/);
    expect(out.entry.formatted).toContain('Main, Steven J.');
    expect(out.entry.csl).toMatchObject({ type: 'article-journal' });
    expect(out.citedIn.length).toBeGreaterThan(3);
  }, 60_000);

  it('THEN an unknown style is refused with the valid choices', async () => {
    const r = await lectern(['source', '--style', 'harvard', 'Main 185']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Valid styles: chicago, chicago-note, mla, apa, bibtex, ris, csl-json');
  }, 60_000);
});

describe('GIVEN npm start with no chat tokens and piped input', () => {
  it('THEN the console answers each line and exits', async () => {
    const r = await lectern(['start'], { input: '/quote Kirov\n/works\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Quote: Kirov');
    expect(r.stdout).toContain('Works in the library');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  }, 60_000);

  it('THEN the keys under an answer work: context of passage 2, then discussing it', async () => {
    const r = await lectern(['start'], { input: '/quote peppery dishes\nx 2\nd\n/quote Trotsky\n/end\n' });
    expect(r.stdout).toMatch(/Context of trotskys-lies\.p\d+/);
    expect(r.stdout).toMatch(/Discussing trotskys-lies\.p\d+: commands now default to this work/);
    expect(r.stdout).toContain('Discussion ended.');
  }, 60_000);

  it('THEN bad configuration stops it with every problem listed', async () => {
    const r = await lectern(['start'], { env: { DISCORD_PUBLIC_KEY: 'nothex', LECTERN_DEFAULT_STYLE: 'harvard', MATRIX_HOMESERVER_URL: 'not a url' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DISCORD_PUBLIC_KEY');
    expect(r.stderr).toContain('LECTERN_DEFAULT_STYLE');
    expect(r.stderr).toContain('MATRIX_HOMESERVER_URL');
    expect(r.stderr).not.toContain('    at ');
  }, 60_000);
});

describe('GIVEN stats and validate', () => {
  it('THEN stats --json reports the contents of each work and validate passes', async () => {
    const stats = JSON.parse((await lectern(['stats', '--json'])).stdout);
    const book = stats.works.find((w: { id: string }) => w.id === 'trotskys-lies');
    expect(book.footnotes.linked).toBeGreaterThanOrEqual(90);
    expect(book.translationPairs).toBeGreaterThanOrEqual(50);
    const v = await lectern(['validate']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^OK:/);
  }, 60_000);
});

describe('GIVEN one command path and one set of exit codes (0 answered, 1 nothing found, 2 bad usage)', () => {
  it('THEN batch quote without --json answers each line as text, without keys that cannot be pressed, and exits 0', async () => {
    const r = await lectern(['quote', '-'], { input: 'Kirov\npeppery dishes\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Quote: Kirov/);
    expect(r.stdout).toMatch(/Quote: peppery dishes/);
    expect(r.stdout).not.toMatch(/\[c\]ite|\[d\]iscuss/);
  }, 60_000);

  it('THEN nothing found exits 1 with or without --json, and a bad option value exits 2 with one line and no stack', async () => {
    const none = await lectern(['quote', '"no such phrase is in these books at all"']);
    expect(none.code).toBe(1);
    const noneJson = await lectern(['quote', '--json', '"no such phrase is in these books at all"']);
    expect(noneJson.code).toBe(1);
    expect(JSON.parse(noneJson.stdout).results).toEqual([]);
    const bad = await lectern(['context', 'trotskys-lies.p37', '--before', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--before/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('THEN an option value that starts with a dash (--before -1) is answered with how to write it (--before=-1), and --before=-1 with the allowed range', async () => {
    const bad = await lectern(['context', 'trotskys-lies.p37', '--before', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/'--before=-XYZ'/);
    const written = await lectern(['context', 'trotskys-lies.p37', '--before=-1']);
    expect(written.code).toBe(2);
    expect(written.stderr).toMatch(/"before": must be at least 0/);
  }, 60_000);

  it('GIVEN the output piped into a reader that stops after one line (lectern help | head -1) THEN Lectern ends quietly, exit 0, no EPIPE trace', async () => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'src', 'main.ts'), 'help'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Closing our end as soon as the first bytes arrive is what `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);
});

describe('GIVEN the table of subcommands, each loaded only when it runs', () => {
  it('THEN every entry loads the subcommand of its own name, each name once, and help lists them all', async () => {
    const { SUBCOMMANDS } = await import('../src/cli/subcommands.ts');
    const names = SUBCOMMANDS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of SUBCOMMANDS) expect((await entry.load()).name).toBe(entry.name);
    const r = await lectern(['help']);
    expect(r.code).toBe(0);
    for (const name of names) expect(r.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });
});
