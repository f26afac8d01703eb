/**
 * Cross-signing, so that people see a verified bot. `matrix-setup` creates the account's secret
 * storage under a new recovery key, creates the cross-signing keys, stores them there (encrypted
 * with that key) and signs the bot's device; the key is printed once and goes into
 * MATRIX_RECOVERY_KEY. At every start the bot reads the cross-signing keys back with it and signs
 * its device if it is not signed yet (a new data directory, a new device). Verification is not
 * required of anyone else: the bot answers every device in the room, verified or not.
 */
import type { AuthDict, MatrixError } from 'matrix-js-sdk';
import { decodeRecoveryKey } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { connect, type Connection } from './client.ts';
import { MatrixE2ee } from './e2ee.ts';
import { matrixStores } from './stores.ts';
import type { StateBackend } from '../../state-backend.ts';

export function parseRecoveryKey(text: string): Uint8Array {
  try {
    return decodeRecoveryKey(text.trim());
  } catch (err) {
    throw new Error('MATRIX_RECOVERY_KEY is not a Matrix recovery key (48 characters in groups of four, as `npm run lectern -- matrix-setup` printed it). Copy it again, or make a new one with `matrix-setup --reset`.', { cause: err });
  }
}

/**
 * Uploading cross-signing keys may need the account password (user-interactive auth): Synapse
 * asks for none the first time, and for the password when keys are replaced.
 */
function withPassword(conn: Connection, password: string | undefined) {
  return async (makeRequest: (auth: AuthDict | null) => Promise<void>): Promise<void> => {
    try {
      await makeRequest(null);
    } catch (err) {
      const session = (err as MatrixError).data?.session;
      if ((err as MatrixError).httpStatus !== 401 || !password) throw err;
      await makeRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: conn.userId }, password, ...(typeof session === 'string' ? { session } : {}) });
    }
  };
}

/**
 * Whether the homeserver lists this device as signed by the account's self-signing key: asked of
 * the server (/keys/query), since the crypto's own copy of the device list may be older.
 */
export async function deviceCrossSigned(conn: Connection): Promise<boolean> {
  const deviceId = conn.client.getDeviceId();
  if (!deviceId) return false;
  const res = await conn.client.downloadKeysForUsers([conn.userId]);
  const selfSigning = Object.keys(res.self_signing_keys?.[conn.userId]?.keys ?? {});
  const signatures = Object.keys(res.device_keys?.[conn.userId]?.[deviceId]?.signatures?.[conn.userId] ?? {});
  return selfSigning.some((keyId) => signatures.includes(keyId));
}

/** At start: signs the device with the cross-signing keys kept in secret storage, opened with MATRIX_RECOVERY_KEY. */
export async function crossSignDevice(conn: Connection, recoveryKey: string | undefined, log: Logger): Promise<void> {
  const crypto = conn.client.getCrypto();
  if (!crypto) return;
  if (!recoveryKey) {
    if (!(await deviceCrossSigned(conn))) log.warn('the bot\'s Matrix device is not cross-signed, so people see an unverified bot: run `npm run lectern -- matrix-setup` once and put the key it prints in MATRIX_RECOVERY_KEY');
    return;
  }
  conn.secretStorageKey.key = parseRecoveryKey(recoveryKey);
  if ((await deviceCrossSigned(conn)) && (await crypto.getCrossSigningStatus()).privateKeysCachedLocally.masterKey) return;
  if (!(await conn.client.secretStorage.isStored('m.cross_signing.master'))) {
    throw new Error(`MATRIX_RECOVERY_KEY is set, but ${conn.userId} has no cross-signing keys in its secret storage. Stop the bot, run \`npm run lectern -- matrix-setup\` and put the key it prints in MATRIX_RECOVERY_KEY.`);
  }
  try {
    // Reads the keys from secret storage (the SDK asks for the recovery key), caches them and signs this device.
    await crypto.bootstrapCrossSigning({});
  } catch (err) {
    throw new Error(`MATRIX_RECOVERY_KEY does not open the secret storage of ${conn.userId} (another account's key, or one replaced by \`matrix-setup --reset\`). Put the current key in MATRIX_RECOVERY_KEY.`, { cause: err });
  }
  log.info({ deviceId: conn.client.getDeviceId() }, 'Matrix device cross-signed with the account\'s keys');
}

export class AlreadySetUp extends Error {
  override name = 'AlreadySetUp';
}

/**
 * `matrix-setup`: new secret storage and cross-signing keys for the bot's account, its device
 * signed, with the bot's own device and crypto store (run it with the bot stopped). Returns the
 * recovery key, which is shown once and kept nowhere by Lectern.
 */
export async function matrixSetup(config: Config, stateDir: string, log: Logger, options: { reset?: boolean; state?: StateBackend } = {}): Promise<string> {
  const stores = matrixStores(stateDir, options.state);
  const state = await stores.state(log, config.MATRIX_USER_ID);
  const conn = await connect(config, state, log);
  await state.bindUser(conn.userId);
  const e2ee = await MatrixE2ee.start(conn, stores.crypto(conn.userId), log);
  conn.e2ee = e2ee;
  try {
    const crypto = conn.client.getCrypto()!;
    if (!options.reset && (await crypto.userHasCrossSigningKeys(conn.userId, true))) {
      throw new AlreadySetUp(
        `${conn.userId} already has cross-signing keys. If MATRIX_RECOVERY_KEY holds its recovery key there is nothing to do. Otherwise run \`matrix-setup --reset\`: a new recovery key replaces the old one, and people in the rooms are told that the bot's identity changed.`,
      );
    }
    const generated = await crypto.createRecoveryKeyFromPassphrase();
    if (!generated.encodedPrivateKey) throw new Error('matrix-js-sdk made a recovery key without its printable form');
    conn.secretStorageKey.key = generated.privateKey;
    await crypto.bootstrapSecretStorage({ createSecretStorageKey: async () => generated, setupNewSecretStorage: true });
    await crypto.bootstrapCrossSigning({ setupNewCrossSigning: true, authUploadDeviceSigningKeys: withPassword(conn, config.MATRIX_PASSWORD) });
    if (!(await deviceCrossSigned(conn))) throw new Error('the cross-signing keys were made, but the homeserver does not list the bot\'s device as signed; run matrix-setup --reset again');
    log.info({ userId: conn.userId, deviceId: conn.client.getDeviceId() }, 'Matrix cross-signing set up');
    return generated.encodedPrivateKey;
  } finally {
    await e2ee.stop();
    await state.save();
  }
}
