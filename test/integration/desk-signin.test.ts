import { createPublicKey, createVerify, type JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  claimsOf,
  codeFor,
  formOf,
  pkce,
  postSignin,
  sampleAccount,
  stoppedClock,
  token,
  tokenFields,
  useSigninStack,
} from '../support/desk-signin.ts';

// The sign-in's injected clock: real time stopped at the file's start, moved by `clock.shift`.
const clock = stoppedClock();
const running = useSigninStack({ clock });
const editor = () => sampleAccount(running.stack);
/** A token request refused as Cognito refuses it: 400 invalid_grant, saying why. */
async function expectInvalidGrant(res: Response, description: string) {
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: description });
}
/** The sample editor signed in through the form: a code and its verifier, not yet exchanged. */
const editorCode = () => codeFor(running.stack, editor().username, editor().password);

describe('the local OIDC provider (Cognito managed login on npm start)', () => {
  it('gives the desk its configuration per the contract, and a discovery document and JWKS at the authority', async () => {
    const authority = `${running.stack.apiUrl}/local/signin`;
    expect(running.stack.env).toMatchObject({
      DESK_AUTHORITY: authority,
      DESK_CLIENT_ID: 'desk',
      DESK_IDENTITY_POOL_ID: 'local:desk',
      DESK_IDENTITY_ENDPOINT: `${running.stack.apiUrl}/local/cognito-identity/`,
      DESK_LOGINS_KEY: authority.replace('http://', ''),
    });
    const discovery = (await (await fetch(`${authority}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery).toMatchObject({
      issuer: authority,
      authorization_endpoint: `${authority}/oauth2/authorize`,
      token_endpoint: `${authority}/oauth2/token`,
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const jwks = (await (await fetch(discovery.jwks_uri as string)).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('shows an accessible sign-in page with the password-manager hints and nothing from elsewhere', async () => {
    const res = await fetch(authorizeUrl(running.stack, pkce().challenge));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*form-action 'self'/);
    const html = await res.text();
    expect(html).toMatch(
      /<label for="username">[^<]+<\/label>\s*<input id="username" name="username"[^>]*autocomplete="username"/,
    );
    expect(html).toMatch(
      /<label for="password">[^<]+<\/label>\s*<input id="password" name="password" type="password" autocomplete="current-password"/,
    );
    expect(html).toContain('<html lang="en">');
    // No third-party request: no absolute URL in any src/href/action.
    expect(html).not.toMatch(/(src|href|action)="(https?:)?\/\//);
  });

  it('signs in with a sample account and issues RS256 tokens that verify with the JWKS, with the claims the desk needs', async () => {
    const { code, verifier } = await editorCode();
    const res = await token(running.stack, tokenFields(running.stack, code, verifier));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const answer = (await res.json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const idToken = answer.id_token as string;
    const jwks = (await (await fetch(`${running.stack.env.DESK_AUTHORITY}/.well-known/jwks.json`)).json()) as {
      keys: JsonWebKey[];
    };
    const key = createPublicKey({ key: jwks.keys[0] as JsonWebKey, format: 'jwk' });
    for (const jwt of [idToken, answer.access_token as string]) {
      const [h, p, s] = jwt.split('.') as [string, string, string];
      expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toMatchObject({
        alg: 'RS256',
        kid: jwks.keys[0]?.kid,
      });
      expect(createVerify('RSA-SHA256').update(`${h}.${p}`).verify(key, Buffer.from(s, 'base64url'))).toBe(true);
    }
    const claims = claimsOf(idToken);
    expect(claims).toMatchObject({
      iss: running.stack.env.DESK_AUTHORITY,
      aud: 'desk',
      token_use: 'id',
      email: editor().username,
      'cognito:groups': ['editor'],
    });
    // As in a pool whose users sign in with their address: the username is the user's id, not the address.
    expect(claims['cognito:username']).toBe(claims.sub);
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
    // An hour from the injected clock, not from the machine's.
    expect(claims.exp).toBe(Math.floor(clock.now() / 1000) + 3600);
  });

  it('refuses a wrong password with the form again, saying so, and no code', async () => {
    const { challenge } = pkce();
    const { action, fields } = formOf(await (await fetch(authorizeUrl(running.stack, challenge))).text());
    const res = await postSignin(running.stack, action, {
      ...fields,
      username: editor().username,
      password: 'wrong-password',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('<p class="error" role="alert" id="signin-error">Incorrect username or password.</p>');
    expect(formOf(html).fields.code_challenge).toBe(challenge);
    const empty = await postSignin(running.stack, action, { ...fields, username: '', password: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Enter your username and password.');
  });

  it('refuses a sign-in form posted from another site', async () => {
    const { action, fields } = formOf(await (await fetch(authorizeUrl(running.stack, pkce().challenge))).text());
    const res = await fetch(new URL(action, running.stack.apiUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ ...fields, ...editor() }).toString(),
    });
    expect(res.status).toBe(403);
    // A browser's own form post may carry `Origin: null` (the page's referrer policy): Sec-Fetch-Site decides.
    const post = (site: string) =>
      fetch(new URL(action, running.stack.apiUrl), {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': site },
        body: new URLSearchParams({ ...fields, ...editor() }).toString(),
      });
    expect((await post('cross-site')).status).toBe(403);
    expect((await post('same-origin')).status).toBe(302);
  });

  it.each([
    ['no PKCE challenge', { code_challenge: undefined }, 'code_challenge'],
    ['the plain PKCE method', { code_challenge_method: 'plain' }, 'code_challenge_method must be S256'],
    ['another redirect_uri', { redirect_uri: 'https://evil.example/desk/' }, 'redirect_uri must be http://127.0.0.1:'],
    ['another client', { client_id: 'other' }, 'unknown client_id other'],
    ['another response type', { response_type: 'token' }, 'response_type must be code'],
    ['no state', { state: undefined }, 'state is required'],
  ])('refuses an authorization request with %s: 400 that says why', async (_name, change, message) => {
    const res = await fetch(authorizeUrl(running.stack, pkce().challenge, change), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
  });

  it('refuses a wrong PKCE verifier, and the code is spent by that try', async () => {
    const { code, verifier } = await editorCode();
    const wrong = await token(running.stack, tokenFields(running.stack, code, pkce().verifier));
    await expectInvalidGrant(wrong, 'code_verifier does not match the code_challenge');
    const right = await token(running.stack, tokenFields(running.stack, code, verifier));
    expect(right.status).toBe(400);
    expect(((await right.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('refuses a code used twice', async () => {
    const { code, verifier } = await editorCode();
    expect((await token(running.stack, tokenFields(running.stack, code, verifier))).status).toBe(200);
    const again = await token(running.stack, tokenFields(running.stack, code, verifier));
    await expectInvalidGrant(again, 'the code is unknown, expired or already used');
  });

  it('refuses a code exchanged for another redirect_uri than it was issued to', async () => {
    const { code, verifier } = await editorCode();
    const res = await token(running.stack, {
      ...tokenFields(running.stack, code, verifier),
      redirect_uri: `${running.stack.apiUrl}/other/`,
    });
    await expectInvalidGrant(res, 'redirect_uri differs from the authorization request');
  });

  it('refuses a code older than 5 minutes on the injected clock', async () => {
    const { code, verifier } = await editorCode();
    clock.shift += 5 * 60_000 + 1;
    try {
      const res = await token(running.stack, tokenFields(running.stack, code, verifier));
      expect(res.status).toBe(400);
    } finally {
      clock.shift = 0;
    }
  });

  it.each([
    ['no verifier', { code_verifier: undefined }, 'invalid_request', 'code_verifier is required'],
    ['a short verifier', { code_verifier: 'abc' }, 'invalid_request', 'code_verifier must be 43 to 128'],
    [
      'another grant type',
      { grant_type: 'password' },
      'unsupported_grant_type',
      'grant_type must be authorization_code',
    ],
    ['another client', { client_id: 'other' }, 'invalid_client', 'unknown client_id other'],
  ])('answers a token request with %s with a precise 400', async (_name, change, error, description) => {
    const fields = { ...tokenFields(running.stack, 'some-code', pkce().verifier), ...change };
    const sent = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
    const res = await token(running.stack, sent);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error, error_description: expect.stringContaining(description) });
  });

  it('logs out to the desk only', async () => {
    const desk = `${running.stack.apiUrl}/desk/`;
    const ok = await fetch(
      `${running.stack.env.DESK_AUTHORITY}/logout?client_id=desk&logout_uri=${encodeURIComponent(desk)}`,
      {
        redirect: 'manual',
      },
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(desk);
    const elsewhere = await fetch(
      `${running.stack.env.DESK_AUTHORITY}/logout?client_id=desk&logout_uri=${encodeURIComponent('https://evil.example/')}`,
      { redirect: 'manual' },
    );
    expect(elsewhere.status).toBe(400);
  });
});
