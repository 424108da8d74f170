import { createSign, createVerify, type KeyObject } from 'node:crypto';
import * as z from 'zod';
import type { SigninKeys } from './keys.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256 JWT of `claims`, signed with the runner's sign-in key. */
export function signJwt(keys: SigninKeys, claims: Record<string, unknown>): string {
  const input = `${b64({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(keys.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/** The JWKS document of the sign-in key, as Cognito's `/.well-known/jwks.json`. */
export function jwks(keys: SigninKeys): { keys: Record<string, unknown>[] } {
  const jwk = keys.publicKey.export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: keys.kid, alg: 'RS256', use: 'sig' }] };
}

/** The claims of a desk id token this runner issued. */
export const IdClaims = z.object({
  sub: z.string().min(1),
  iss: z.string(),
  aud: z.string(),
  exp: z.number().int(),
  token_use: z.literal('id'),
  email: z.string(),
  'cognito:username': z.string().min(1),
  'cognito:groups': z.array(z.string()),
});
export type IdClaims = z.infer<typeof IdClaims>;

/** Why a token is refused, in Cognito Identity's words where it has them. */
export type TokenVerdict = { ok: true; claims: IdClaims } | { ok: false; reason: string };

/**
 * Verifies an id token as Cognito Identity does: RS256 signature by `publicKey` (kid and alg as issued), then
 * issuer, audience, `token_use` and expiry at `now` (ms).
 */
export function verifyIdToken(
  token: string,
  keys: { kid: string; publicKey: KeyObject },
  expect: { iss: string; aud: string; now: number },
): TokenVerdict {
  const parts = token.split('.');
  if (parts.length !== 3)
    return { ok: false, reason: 'Invalid login token. Not a valid OpenId Connect identity token.' };
  const [head, body, signature] = parts as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString());
    payload = JSON.parse(Buffer.from(body, 'base64url').toString());
  } catch {
    return { ok: false, reason: 'Invalid login token. Not a valid OpenId Connect identity token.' };
  }
  const h = header as { alg?: unknown; kid?: unknown };
  if (h.alg !== 'RS256' || h.kid !== keys.kid) return { ok: false, reason: 'Invalid login token. Unknown key.' };
  const valid = createVerify('RSA-SHA256')
    .update(`${head}.${body}`)
    .verify(keys.publicKey, Buffer.from(signature, 'base64url'));
  if (!valid) return { ok: false, reason: "Invalid login token. Couldn't verify signed token." };
  const claims = IdClaims.safeParse(payload);
  if (!claims.success) return { ok: false, reason: 'Invalid login token. Missing a required claim.' };
  if (claims.data.iss !== expect.iss) return { ok: false, reason: 'Invalid login token. Issuer mismatch.' };
  if (claims.data.aud !== expect.aud) return { ok: false, reason: 'Invalid login token. Incorrect token audience.' };
  if (claims.data.exp * 1000 <= expect.now) return { ok: false, reason: 'Invalid login token. Token expired.' };
  return { ok: true, claims: claims.data };
}
