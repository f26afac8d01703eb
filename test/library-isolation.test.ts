/**
 * Isolation: a text added in one collection is never returned, autocompleted, cited or listed in
 * another — checked for every command through the dispatcher, with a positive control in the
 * collection that added it (so a test that finds nothing proves something). Then the permission
 * checks of /library as the Discord and Matrix scopes carry them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { library } from '../commands/library.ts';
import { createAutocomplete } from '../src/dispatch/autocomplete.ts';
import { createDispatch } from '../src/dispatch/dispatch.ts';
import type { Dispatch } from '../src/dispatch/invocation.ts';
import type { Scope } from '../src/dispatch/types.ts';
import type { Reply } from '../src/reply/model.ts';
import { consoleProfile } from '../src/platforms/console/profile.ts';
import { discordProfile } from '../src/platforms/discord/profile.ts';
import { canManageAt } from '../src/platforms/matrix/power.ts';
import { matrixProfile } from '../src/platforms/matrix/profile.ts';
import { libraryApp, type LibraryApp } from './helpers/library-app.ts';
import { sampleHtml, sampleMarkdown, samplePdf, utf8Text } from './helpers/library-samples.ts';

const defaults = { style: 'chicago', layout: 'stacked', visibility: 'public' } as const;
const A: Scope = { platform: discordProfile, collection: '811111111111111111', userId: '900000000000000001', canManage: true, defaults };
const matrix = matrixProfile({ prefix: '!' });
/** A Matrix member's scope as the Matrix platform builds it: organiser from the power level. */
const atLevel = (powerLevel: number | undefined): Scope => ({
  platform: matrix,
  collection: '!reading:example.org',
  userId: '@bob:example.org',
  canManage: canManageAt(powerLevel, { MATRIX_LIBRARY_POWER_LEVEL: 50 }),
  defaults,
});
const B: Scope = atLevel(100);

const PAIR_TEXT = `Notes on the letters

The first letter, as the archive keeps it:

Урожай того года собрали поздно, и амбар земства стоял полупустым до первого снега, писал председатель.

Translated:

The harvest of that year was gathered late, and the zemstvo granary stood half empty until the first snow, wrote the chairman.

The second letter was never answered, which the secretary of the cooperative noted in the margin of the ledger.
`;

/** Everything a reply shows, as one string. */
const shown = (r: Reply) => JSON.stringify(r);
/** What of collection A's texts a reply may not show anywhere else. */
const A_MARKS = ['the-grain-question', 'Grain Question', 'ferryman', 'notes-on-the-letters', 'zemstvo granary', 'the-cooperative-movement', 'Village Ledger', 'Vera Ivanova', 'payment in kind', 'wrote the chairman'];
/** A's marks in a reply, not counting the words of the request that the reply repeats ("No passage matches …"). */
function leaks(r: Reply, args: Record<string, unknown> = {}): string[] {
  let s = shown(r);
  for (const v of Object.values(args)) if (typeof v === 'string' && v) s = s.split(JSON.stringify(v).slice(1, -1)).join('');
  // The match notice quotes the asker's own words back ("the first passage lacks “ferryman”"): not a leak.
  for (const v of Object.values(args)) if (typeof v === 'string') for (const word of v.toLowerCase().split(/\s+/)) if (word) s = s.split(`“${word}”`).join('');
  return A_MARKS.filter((m) => s.includes(m));
}

let app: LibraryApp;
let dispatch: Dispatch;
const run = (scope: Scope, command: string, args: Record<string, unknown>) => dispatch({ command, args, scope });

beforeAll(async () => {
  app = await libraryApp();
  dispatch = createDispatch(app, [...commands, library]);
  const add = async (scope: Scope, file: { name: string; bytes: Uint8Array; contentType?: string }, args: Record<string, unknown> = {}) => {
    const reply = await run(scope, 'library', { action: 'add', attachment: { name: file.name, size: file.bytes.length, ...(file.contentType ? { contentType: file.contentType } : {}), fetch: async () => file.bytes }, ...args });
    expect(reply.error, shown(reply)).toBeUndefined();
    return reply;
  };
  await add(A, await samplePdf());
  await add(A, sampleHtml());
  await add(A, utf8Text(PAIR_TEXT, 'letters.txt'), { title: 'Notes on the letters', author: 'Anna Sokolova', year: '1925' });
  await add(B, sampleMarkdown());
}, 60_000);
afterAll(async () => {
  await app.library.close();
});

describe('isolation between collections', () => {
  it('GIVEN the pair text THEN ingestion found its translation pair (so /translate can be checked)', () => {
    const work = app.view({ collection: A.collection }).corpus.work('notes-on-the-letters')!;
    expect(work.pairs).toHaveLength(1);
  });

  it('GIVEN /quote THEN collection A finds its text and collection B never sees it, even asked for by work id', async () => {
    const inA = await run(A, 'quote', { query: 'ferryman payment' });
    expect(shown(inA)).toContain('the-grain-question');
    for (const args of [{ query: 'ferryman payment' }, { query: 'ferryman', work: 'the-grain-question' }, { query: 'zemstvo granary chairman' }, { query: 'cooperative credit unions' }]) {
      expect(leaks(await run(B, 'quote', args), args)).toEqual([]);
    }
    // The other way round: B's own text is B's alone.
    expect(shown(await run(B, 'quote', { query: 'radiator hissed' }))).toContain('notes-on-the-reading-circle');
    expect(shown(await run(A, 'quote', { query: 'radiator hissed' }))).not.toContain('notes-on-the-reading-circle');
  });

  it('GIVEN /cite and /context with a passage id from A THEN A answers with the printed page and B says there is no such passage', async () => {
    const id = (await app.view({ collection: A.collection }).search.search('ferryman payment')).hits[0]!.block.id;
    const cited = await run(A, 'cite', { passage: id });
    expect(cited.error).toBeUndefined();
    expect(shown(cited)).toMatch(/p\. 11|11/);
    expect((await run(A, 'context', { passage: id })).error).toBeUndefined();
    for (const command of ['cite', 'context']) {
      const r = await run(B, command, { passage: id });
      expect(r.error?.identifier).toBe('passage.unknown');
      expect(leaks(r, { passage: id })).toEqual([]);
    }
  });

  it('GIVEN /translate THEN the pair A added is found in A only', async () => {
    expect(shown(await run(A, 'translate', { query: 'zemstvo granary chairman' }))).toContain('notes-on-the-letters');
    expect(leaks(await run(B, 'translate', { query: 'zemstvo granary chairman' }), { query: 'zemstvo granary chairman' })).toEqual([]);
    const pairId = app.view({ collection: A.collection }).corpus.work('notes-on-the-letters')!.pairs[0]!.id;
    expect(leaks(await run(B, 'translate', { query: pairId }), { query: pairId })).toEqual([]);
  });

  it("GIVEN /source THEN A's titles and bibliography entries resolve in A only", async () => {
    expect(shown(await run(A, 'source', { text: 'The Grain Question' }))).toContain('the-grain-question');
    expect(shown(await run(A, 'source', { text: 'Brown 1999' }))).toContain('Village Ledger');
    for (const text of ['The Grain Question', 'Brown 1999', 'Vera Ivanova', 'Notes on the letters']) expect(leaks(await run(B, 'source', { text }), { text })).toEqual([]);
  });

  it('GIVEN /works and /library THEN each collection lists its own works and no other', async () => {
    const worksA = await run(A, 'works', {});
    expect(shown(worksA)).toContain('The Grain Question');
    expect(shown(worksA)).toContain("Trotsky's Lies");
    const worksB = await run(B, 'works', {});
    expect(leaks(worksB)).toEqual([]);
    expect(shown(worksB)).toContain('Notes on the Reading Circle');
    expect(shown(await run(A, 'library', {}))).toContain('the-grain-question');
    const listB = await run(B, 'library', { action: 'list' });
    expect(leaks(listB)).toEqual([]);
    expect(shown(listB)).toContain('notes-on-the-reading-circle');
    // Outside any collection (the bundled corpus only) nothing of either.
    const bundled = await run({ platform: consoleProfile(), defaults }, 'works', {});
    expect(leaks(bundled)).toEqual([]);
    expect(shown(bundled)).not.toContain('Reading Circle');
  });

  it("GIVEN an organiser of B THEN A's work cannot be removed or edited from B", async () => {
    const r = await run(B, 'library', { action: 'remove', work: 'the-grain-question' });
    expect(r.error?.identifier).toBe('library.unknown-work');
    expect((await run(B, 'library', { action: 'edit', work: 'the-grain-question', year: '1999' })).error?.identifier).toBe('library.unknown-work');
    expect(app.view({ collection: A.collection }).corpus.work('the-grain-question')?.meta.date?.value).toBe('1931-03-01');
  });

  it('GIVEN autocomplete for works, passages and queries THEN B is never offered anything of A', async () => {
    const complete = createAutocomplete(app);
    const ask = (scope: Scope, command: string, option: string, value: string) => complete({ command, option, value, args: {}, scope });
    expect((await ask(A, 'quote', 'work', 'grain')).map((c) => c.value)).toContain('the-grain-question');
    expect((await ask(A, 'cite', 'passage', 'ferryman payment')).some((c) => c.value.startsWith('the-grain-question.'))).toBe(true);
    expect((await ask(A, 'quote', 'query', 'ferrym')).map((c) => c.name).join(' ')).toMatch(/ferryman/);
    const offered = [
      ...(await ask(B, 'quote', 'work', 'grain')),
      ...(await ask(B, 'quote', 'work', '')),
      ...(await ask(B, 'cite', 'passage', 'ferryman payment')),
      ...(await ask(B, 'context', 'passage', 'the-grain-question.p1')),
      ...(await ask(B, 'translate', 'query', 'zemstvo granary')),
      ...(await ask(B, 'quote', 'query', 'ferrym')),
    ];
    expect(offered.filter((c) => A_MARKS.some((m) => `${c.name} ${c.value}`.includes(m)) || /ferryman/.test(c.name))).toEqual([]);
  });
});

describe('/library permissions as the platforms set them', () => {
  const file = () => ({ name: 'p.txt', fetch: async () => new TextEncoder().encode('A text about permissions and who may add texts to the library of a reading group.') });

  it('GIVEN a Discord member without Manage Server THEN add, edit and remove are refused and list is allowed', async () => {
    const member: Scope = { ...A, userId: '900000000000000002', canManage: false };
    for (const args of [{ action: 'add', attachment: file() }, { action: 'remove', work: 'the-grain-question' }, { action: 'edit', work: 'the-grain-question', year: '1800' }]) {
      const r = await run(member, 'library', args);
      expect(r.error?.identifier).toBe('library.not-allowed');
      expect(r.error?.message).toMatch(/Manage Server/);
    }
    expect((await run(member, 'library', { action: 'list' })).error).toBeUndefined();
    expect(app.library.list(A.collection!).map((e) => e.meta.id)).toContain('the-grain-question');
  });

  it('GIVEN a Discord scope that does not say THEN the organiser actions are refused', async () => {
    const { canManage: _omit, ...silent } = A;
    expect((await run(silent, 'library', { action: 'add', attachment: file() })).error?.identifier).toBe('library.not-allowed');
  });

  it('GIVEN Matrix power levels THEN only members at MATRIX_LIBRARY_POWER_LEVEL or above may add', async () => {
    expect(app.config.MATRIX_LIBRARY_POWER_LEVEL).toBe(50);
    const low = await run(atLevel(49), 'library', { action: 'add', attachment: file() });
    expect(low.error?.identifier).toBe('library.not-allowed');
    expect(low.error?.message).toMatch(/power level/);
    expect((await run(atLevel(undefined), 'library', { action: 'add', attachment: file() })).error?.identifier).toBe('library.not-allowed');
    const ok = await run(atLevel(50), 'library', { action: 'add', attachment: file(), title: 'Permissions' });
    expect(ok.error, shown(ok)).toBeUndefined();
    expect(app.library.list(B.collection!).map((e) => e.meta.id)).toContain('permissions');
  });

  it('GIVEN an add without a file, or outside a group THEN the message says what to do', async () => {
    const r = await run(B, 'library', { action: 'add' });
    expect(r.error).toMatchObject({ identifier: 'library.no-file', message: expect.stringMatching(/!library add/) });
    const outside = await run({ platform: consoleProfile(), defaults }, 'library', { action: 'list' });
    expect(outside.error?.identifier).toBe('library.no-collection');
  });

  it('GIVEN an attachment the platform reports as too large THEN it is refused before it is downloaded', async () => {
    let fetched = false;
    const r = await run(A, 'library', { action: 'add', attachment: { name: 'huge.pdf', size: 3 * 1024 * 1024, fetch: async () => ((fetched = true), new Uint8Array()) } });
    expect(r.error?.identifier).toBe('library.file-too-large');
    expect(fetched).toBe(false);
  });
});
