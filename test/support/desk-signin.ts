import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';

/** An injected clock: real time stopped at its creation and moved only by `shift` (ms). */
export interface StoppedClock {
  shift: number;
  now(): number;
}

/**
 * A clock stopped at the file's start: an expiry computed from it is the same when the test reads it back, however
 * slow the machine (real time could cross a second between issue and check).
 */
export function stoppedClock(): StoppedClock {
  const start = Date.now();
  const clock = { shift: 0, now: () => start + clock.shift };
  return clock;
}

/**
 * The local stack of a desk sign-in test, started before the file's (or describe's) tests and closed after them,
 * without the developer's AWS credentials (the runner's own are the ones its CLI and SigV4 check know). `clock` is
 * the sign-in's, the identity stand-in's and the SigV4 check's; `dataDir` keeps the accounts where the test reads them.
 */
export function useSigninStack(options: { clock?: StoppedClock; dataDir?: string } = {}): {
  readonly stack: LocalStack;
} {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
    stack = await startLocalStack({
      ...(options.clock ? { now: options.clock.now } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    });
  });
  afterAll(async () => {
    await stack?.close();
  });
  return {
    get stack() {
      if (!stack) throw new Error('the sign-in stack is not started yet');
      return stack;
    },
  };
}

/** The stack's sample desk account of `group` (printed in its banner). */
export function sampleAccount(stack: LocalStack, group: 'editor' | 'data' = 'editor') {
  const account = stack.signin.samples.find((a) => a.group === group);
  if (!account) throw new Error(`no sample ${group} account`);
  return account;
}

/** A PKCE verifier and its S256 challenge, computed here (not with the provider's own helper). */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The authorization request the desk makes, with `change` applied (a value undefined: left out). */
export function authorizeUrl(stack: LocalStack, challenge: string, change: Record<string, string | undefined> = {}) {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: 'desk',
    redirect_uri: `${stack.apiUrl}/desk/`,
    scope: 'openid email profile',
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...change,
  };
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return `${stack.env.DESK_AUTHORITY}/oauth2/authorize?${query}`;
}

/** The hidden fields and the action of the sign-in page's form. */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no sign-in form in ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[m[1] as string] = (m[2] as string).replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return { action, fields };
}

/** Posts the sign-in form as the browser would (same origin). */
export function postSignin(stack: LocalStack, action: string, fields: Record<string, string>) {
  return fetch(new URL(action, stack.apiUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.apiUrl },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Exchanges a code at the token endpoint. */
export function token(stack: LocalStack, fields: Record<string, string>) {
  return fetch(`${stack.env.DESK_AUTHORITY}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Signs in through the whole code flow as the desk does; answers the code and the verifier (not yet exchanged). */
export async function codeFor(stack: LocalStack, username: string, password: string) {
  const { verifier, challenge } = pkce();
  const page = await fetch(authorizeUrl(stack, challenge));
  expect(page.status).toBe(200);
  const { action, fields } = formOf(await page.text());
  const answer = await postSignin(stack, action, { ...fields, username, password });
  expect(answer.status).toBe(302);
  const to = new URL(answer.headers.get('location') ?? '');
  expect(`${to.origin}${to.pathname}`).toBe(`${stack.apiUrl}/desk/`);
  expect(to.searchParams.get('state')).toBe('state-123');
  return { code: to.searchParams.get('code') ?? '', verifier };
}

/** The token request for `code`, as the desk sends it. */
export const tokenFields = (stack: LocalStack, code: string, verifier: string) => ({
  grant_type: 'authorization_code',
  code,
  redirect_uri: `${stack.apiUrl}/desk/`,
  client_id: 'desk',
  code_verifier: verifier,
});

/** Signs in through the whole code flow and the token exchange; answers the id token. */
export async function idTokenFor(stack: LocalStack, username: string, password: string): Promise<string> {
  const { code, verifier } = await codeFor(stack, username, password);
  const res = await token(stack, tokenFields(stack, code, verifier));
  expect(res.status).toBe(200);
  return ((await res.json()) as { id_token: string }).id_token;
}

/** Signs in `group`'s sample account and answers its id token. */
export async function idTokenOf(stack: LocalStack, group: 'editor' | 'data'): Promise<string> {
  const account = sampleAccount(stack, group);
  return idTokenFor(stack, account.username, account.password);
}

/** Opens the sign-in page and posts a username and password on its form; answers the provider's answer. */
export async function postPassword(stack: LocalStack, username: string, password: string) {
  const { action, fields } = formOf(await (await fetch(authorizeUrl(stack, pkce().challenge))).text());
  return postSignin(stack, action, { ...fields, username, password });
}

/** The claims of a JWT (not verified: the test checks the signature itself where it matters). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

/** A Cognito Identity (JSON 1.1) call to the stack's identity-pool stand-in, unsigned as the browser's. */
export async function identityCall(stack: LocalStack, operation: string, body: unknown) {
  const res = await fetch(stack.env.DESK_IDENTITY_ENDPOINT as string, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Session credentials of the identity pool for an id token, the way the desk gets them (GetId, then credentials). */
export async function credentialsFor(stack: LocalStack, idToken: string) {
  const Logins = { [stack.env.DESK_LOGINS_KEY as string]: idToken };
  const id = await identityCall(stack, 'GetId', { IdentityPoolId: 'local:desk', Logins });
  expect(id.status).toBe(200);
  const IdentityId = id.body.IdentityId as string;
  const got = await identityCall(stack, 'GetCredentialsForIdentity', { IdentityId, Logins });
  expect(got.status).toBe(200);
  const c = got.body.Credentials as {
    AccessKeyId: string;
    SecretKey: string;
    SessionToken: string;
    Expiration: number;
  };
  return { IdentityId, ...c };
}
