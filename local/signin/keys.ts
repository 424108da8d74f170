import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as z from 'zod';

/** The local sign-in's secrets: the id tokens' RS256 key, and the key that seals the session credentials. */
export interface SigninKeys {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Seals the identity stand-in's session tokens and derives their secret keys (HMAC-SHA256). */
  readonly sessionKey: Buffer;
}

const Stored = z.object({ kid: z.string(), privateKeyPem: z.string(), sessionKey: z.string() });

// Off the main thread: a test stack starts its stand-ins meanwhile.
async function fresh(): Promise<z.infer<typeof Stored>> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return {
    kid: randomBytes(8).toString('hex'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    sessionKey: randomBytes(32).toString('base64url'),
  };
}

/**
 * The sign-in keys of a runner: generated on first start and kept in `<dataDir>/desk-signin-keys.json` (mode 600),
 * so tokens and credentials stay valid across restarts; in memory without a data dir.
 */
export async function signinKeys(dataDir: string | undefined): Promise<SigninKeys> {
  let stored: z.infer<typeof Stored>;
  if (!dataDir) stored = await fresh();
  else {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'desk-signin-keys.json');
    if (!existsSync(file)) writeFileSync(file, JSON.stringify(await fresh()), { mode: 0o600 });
    stored = Stored.parse(JSON.parse(readFileSync(file, 'utf8')));
  }
  const privateKey = createPrivateKey(stored.privateKeyPem);
  return {
    kid: stored.kid,
    privateKey,
    publicKey: createPublicKey(privateKey),
    sessionKey: Buffer.from(stored.sessionKey, 'base64url'),
  };
}
