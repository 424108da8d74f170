import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requestKeyPair } from '../functions/adapters/crypto/request-box.ts';
import { wrapDataKey } from '../functions/adapters/local-key/data-key-provider.ts';
import type { WrappedDataKey } from '../functions/app/ports/data-key-provider.ts';

/** Where a local stack listens and keeps its data. */
export interface LocalAddresses {
  readonly apiUrl: string;
  readonly dynamoEndpoint: string;
  readonly sesEndpoint: string;
  /** The runner's Lambda Invoke stand-in (the dispatch function the editors' `send` starts). */
  readonly lambdaEndpoint?: string;
  /** Folder for LevelDB data and the generated secret; undefined: in memory. */
  readonly dataDir?: string;
}

/** The default ports of `npm start`, overridable with PORT, DYNAMODB_PORT, SES_PORT and SMTP_PORT. */
export function defaultPorts(env: NodeJS.ProcessEnv = process.env): {
  api: number;
  dynamo: number;
  ses: number;
  smtp: number;
} {
  const port = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number`);
    return value;
  };
  return {
    api: port('PORT', 3000),
    dynamo: port('DYNAMODB_PORT', 8000),
    ses: port('SES_PORT', 8005),
    smtp: port('SMTP_PORT', 2525),
  };
}

/**
 * A local secret: `master`, and the address data key wrapped by a local wrapping key (KMS's part on AWS), both
 * generated on first use. A `.data/secrets.json` written before addresses were sealed gets its keys added.
 */
export function localSecret(dataDir: string | undefined): string {
  const fresh = () => withDataKey({ master: randomBytes(32).toString('base64url') });
  if (!dataDir) return JSON.stringify(fresh());
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(fresh()), { mode: 0o600 });
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (stored.wrappingKey === undefined) writeFileSync(file, JSON.stringify(withDataKey(stored)), { mode: 0o600 });
  return readFileSync(file, 'utf8');
}

/** A new data key `id` wrapped under `wrappingKey`, with its public request key. */
export function newLocalDataKey(wrappingKey: Uint8Array, id: string): WrappedDataKey {
  const key = randomBytes(32);
  return { ...wrapDataKey(wrappingKey, id, key), requestKey: requestKeyPair(key).publicKey };
}

/** `secret` with a wrapping key and a first data key `d1` under it, unless it has a wrapping key already. */
function withDataKey(secret: Record<string, unknown>): Record<string, unknown> {
  if (secret.wrappingKey !== undefined) return secret;
  const wrappingKey = randomBytes(32);
  const dataKeys = [newLocalDataKey(wrappingKey, 'd1')];
  return { ...secret, wrappingKey: wrappingKey.toString('base64url'), dataKeys };
}

/**
 * The desk's configuration (`GET /desk/config.json`) for the runner's local sign-in, which plays Cognito's part on
 * the runner's own port: the OIDC provider (user pool, managed login) and the identity pool's stand-in.
 */
export function deskEnvironment(apiUrl: string): Record<string, string> {
  const authority = `${apiUrl}/local/signin`;
  return {
    DESK_AUTHORITY: authority,
    DESK_CLIENT_ID: 'desk',
    DESK_IDENTITY_POOL_ID: 'local:desk',
    DESK_IDENTITY_ENDPOINT: `${apiUrl}/local/cognito-identity/`,
    DESK_LOGINS_KEY: authority.replace(/^https?:\/\//, ''),
  };
}

/**
 * The environment the functions get in a local run: the SDK pointed at the stand-ins through its standard
 * variables, and the same configuration keys as on Lambda. The region and the credentials (which the editors' API
 * checks signatures against) come from the shell that started the runner (`shell`), else `local` / `local`.
 */
export function localEnvironment(
  at: LocalAddresses,
  extra: Record<string, string> = {},
  shell: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: at.dynamoEndpoint,
    AWS_ENDPOINT_URL_SESV2: at.sesEndpoint,
    ...(at.lambdaEndpoint ? { AWS_ENDPOINT_URL_LAMBDA: at.lambdaEndpoint, DISPATCH_FUNCTION_NAME: 'dispatch' } : {}),
    AWS_REGION: shell.AWS_REGION ?? 'eu-central-1',
    AWS_ACCESS_KEY_ID: shell.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: shell.AWS_SECRET_ACCESS_KEY ?? 'local',
    TABLE_NAME: 'newsletter',
    SENDER_EMAIL: 'Belarus Weekly <weekly@newsletter.example>',
    // The SES stand-in has no GetEmailIdentity: the sender counts as verified (a test sets `false`).
    LOCAL_SENDER_VERIFIED: 'true',
    PUBLIC_URL: at.apiUrl,
    SECRETS_JSON: localSecret(at.dataDir),
    LIST_ID: 'weekly.newsletter.example',
    // The SMTP stand-in on SMTP_PORT receives for this domain, as SES receiving does for `inboundDomain` on AWS.
    INBOUND_DOMAIN: 'inbound.newsletter.example',
    ALLOWED_ORIGINS: at.apiUrl,
    ...deskEnvironment(at.apiUrl),
    POWERTOOLS_LOG_LEVEL: shell.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // CloudWatch reads the metrics from the function logs on AWS; locally they would only clutter the console.
    POWERTOOLS_METRICS_DISABLED: 'true',
    // Local runs may use Node.js 20; the SDK's notice that its 2027 releases need Node.js 22 is known (Lambda runs 22).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}
