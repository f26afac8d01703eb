/**
 * The key for the MACs in Lectern's button ids when neither DISCORD_BUTTON_SECRET nor DISCORD_TOKEN
 * gives one (an HTTP-interactions-only bot). A key made afresh at every start would turn every button
 * already posted into "expired" after a restart although its answer is still kept, so the key made
 * once is kept in the state folder, readable by the owner only.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { writeAtomic } from '../../atomic-write.ts';
import { readStateFile } from '../../state-file.ts';

export const BUTTON_KEY_FILE = 'discord-button-key.json';
const BUTTON_KEY_FORMAT = 1;
const StoredKey = z.object({ format: z.literal(BUTTON_KEY_FORMAT), key: z.string().regex(/^[0-9a-f]{64}$/) });

/** The kept key (hex, 64 digits), made and saved on first use; an unreadable file is set aside and a new key made. */
export async function keptButtonKey(stateDir: string, log: Logger): Promise<string> {
  const file = path.join(stateDir, BUTTON_KEY_FILE);
  const kept = await readStateFile<string | undefined>(file, (text) => StoredKey.safeParse(JSON.parse(text)).data?.key, () => undefined, log, "the Discord buttons' key");
  if (kept) return kept;
  const key = randomBytes(32).toString('hex');
  await writeAtomic(file, `${JSON.stringify({ format: BUTTON_KEY_FORMAT, key })}\n`, { mode: 0o600 });
  return key;
}
