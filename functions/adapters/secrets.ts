import { hkdfSync } from 'node:crypto';
import * as z from 'zod/mini';
import { optional, parseFields, required } from '../app/fields.ts';
import type { WrappedDataKey } from '../app/ports/data-key-provider.ts';
import { ConfigError } from '../core/errors.ts';
import { buildKeyRing, type KeyRing } from '../core/tokens.ts';

/** The secret material every function needs, derived from one stored secret. */
export interface Secrets {
  readonly ring: KeyRing;
  /** Key for subscriber ids and client-address hashes; never rotated (ids must stay stable). */
  readonly idKey: Uint8Array;
  /** The value CloudFront puts in the origin-secret header; without it no viewer address is trusted. */
  readonly originSecret?: string;
  /** The address data keys, wrapped (by KMS on AWS), newest first: the first seals new addresses. */
  readonly dataKeys: readonly WrappedDataKey[];
  /** Local runs only: the key that wraps `dataKeys` (on AWS the KMS key does, and this is absent). */
  readonly wrappingKey?: Uint8Array;
}

// Its fields' schemas are built only for the fields the secret has (see app/fields.ts): usually just `master`.
const SECRET_FIELDS = {
  /** Generated at deploy; everything else is derived from it unless given. */
  master: required(() => z.string().check(z.minLength(32))),
  /** Optional explicit token keys, newest first: the first signs; they and the key derived from master verify. */
  tokenKeys: optional(() =>
    z
      .array(
        z.object({ id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,16}$/)), secret: z.string().check(z.minLength(32)) }),
      )
      .check(z.minLength(1)),
  ),
  /** Ids of keys that no longer verify (`k1` is the key derived from master); see docs/deploying.md. */
  retiredKeys: optional(() => z.array(z.string())),
  /** Set when the API sits behind CloudFront: the custom origin header's value (see docs/deploying.md). */
  originSecret: optional(() => z.string().check(z.minLength(32))),
  /** The wrapped address data keys, newest first (see docs/privacy.md, key rotation). */
  dataKeys: optional(() =>
    z.array(
      z.object({
        id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,16}$/)),
        wrapped: z.string(),
        requestKey: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/))),
      }),
    ),
  ),
  /** `npm start` only: 32 bytes, base64url, that wrap the data keys in place of KMS. */
  wrappingKey: optional(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/))),
};

function derive(master: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, 'belarus-weekly', info, 32));
}

/** Parses the stored secret JSON into key material; throws naming the problem (never the value). */
export function parseSecrets(json: string): Secrets {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new ConfigError('secret is not JSON', { cause: error });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('secret is invalid: ');
  const { data, issues } = parseFields(SECRET_FIELDS, raw as Record<string, unknown>);
  if (issues.length > 0)
    throw new ConfigError(`secret is invalid: ${issues.map((i) => i.path.map(String).join('.')).join(', ')}`, {
      cause: issues,
    });
  const { master, tokenKeys, retiredKeys, originSecret, dataKeys, wrappingKey } = data;
  const derived = { id: 'k1', secret: derive(master, 'token:k1').toString('base64url') };
  return {
    ring: buildKeyRing(derived, tokenKeys, retiredKeys),
    idKey: derive(master, 'subscriber-id'),
    ...(originSecret === undefined ? {} : { originSecret }),
    dataKeys: dataKeys ?? [],
    ...(wrappingKey === undefined ? {} : { wrappingKey: Buffer.from(wrappingKey, 'base64url') }),
  };
}

/** Loads the secrets once per cold start: from Secrets Manager on AWS, or inline JSON in a local run. */
export async function loadSecrets(source: { SECRET_ARN?: string; SECRETS_JSON?: string }): Promise<Secrets> {
  if (source.SECRETS_JSON !== undefined) return parseSecrets(source.SECRETS_JSON);
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  const out = await client.send(new GetSecretValueCommand({ SecretId: source.SECRET_ARN }));
  if (!out.SecretString) throw new ConfigError('secret has no string value');
  return parseSecrets(out.SecretString);
}
