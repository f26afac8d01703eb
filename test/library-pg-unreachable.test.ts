/**
 * A group whose texts are in PostgreSQL, already opened, when the database goes away between two
 * commands: its next search must say what is wrong (library.database-unreachable, with the code),
 * as opening it does, and not fall through as an internal error ("Something went wrong").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryApp, type LibraryApp } from './helpers/library-app.ts';
import { utf8Text } from './helpers/library-samples.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const G = '955555555555555555';
let pg: TestPostgres;
let app: LibraryApp;

beforeAll(async () => {
  pg = await startPostgres();
  app = await libraryApp({ env: { LECTERN_DATABASE_URL: await pg.newDatabase() } });
  await app.library.add(G, utf8Text('The Ferry Ledger\n\nThe ferryman asked for payment in kind: a sack of rye for every cart.\n', 'ferry.txt'), {}, 'test');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await pg?.stop();
});

describe('GIVEN a group library in PostgreSQL, opened, and then the database stopped', () => {
  it('THEN a search in the group fails as library.database-unreachable naming the code, not as an internal error', async () => {
    const view = await app.library.open(G);
    expect((await view.search.search('ferryman payment', { limit: 3 })).hits[0]?.block.text).toContain('ferryman asked for payment');
    await pg.stop();
    await expect(view.search.search('ferryman payment', { limit: 3 })).rejects.toMatchObject({
      identifier: 'library.database-unreachable',
      message: expect.stringMatching(/kept in the shared database, which Lectern cannot reach right now \((ECONNREFUSED|57P01)\)/),
    });
  }, 60_000);
});
