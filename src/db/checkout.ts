import type pg from 'pg';

/**
 * A pooled connection for several statements. While it is checked out the pool does not listen
 * for its errors, and a connection the server ends between two statements (a restart, an
 * administrator's shutdown) emits one: without a listener that would end the whole process. The
 * error is kept instead; the next statement fails with it, and `release` drops the connection.
 */
export async function checkOut(pool: pg.Pool): Promise<{ client: pg.PoolClient; failure(): Error | undefined; release(err?: unknown): void }> {
  const client = await pool.connect();
  let failed: Error | undefined;
  const onError = (err: Error) => (failed = err);
  client.on('error', onError);
  return {
    client,
    failure: () => failed,
    release: (err) => {
      client.off('error', onError);
      const broken = err instanceof Error ? err : failed;
      client.release(broken);
    },
  };
}
