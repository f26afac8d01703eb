/**
 * The key for the MACs in Lectern's button ids when neither DISCORD_BUTTON_SECRET nor DISCORD_TOKEN
 * gives one (an HTTP-interactions-only bot). A key made afresh at every start would turn every button
 * already posted into "expired" after a restart although its answer is still kept, so the key made
 * once is kept in the state folder, readable by the owner only.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { writeAtomic } from '../../atomic-write.ts';

export const BUTTON_KEY_FILE = 'discord-button-key.json';
const BUTTON_KEY_FORMAT = 1;
const StoredKey = z.object({ format: z.literal(BUTTON_KEY_FORMAT), key: z.string().regex(/^[0-9a-f]{64}$/) });

/** The kept key (hex, 64 digits), made and saved on first use; an unreadable file is replaced and said. */
export async function keptButtonKey(stateDir: string, log: Logger): Promise<string> {
  const file = path.join(stateDir, BUTTON_KEY_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) {
    const parsed = StoredKey.safeParse(safeJson(text));
    if (parsed.success) return parsed.data.key;
    log.warn({ file }, 'the kept key for button ids does not parse; a new one is made (buttons posted before it stop working)');
  }
  const key = randomBytes(32).toString('hex');
  await writeAtomic(file, `${JSON.stringify({ format: BUTTON_KEY_FORMAT, key })}\n`, { mode: 0o600 });
  return key;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
