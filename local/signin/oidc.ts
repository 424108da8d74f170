import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import type { AccountStore } from './accounts.ts';
import { jwks, signJwt } from './jwt.ts';
import type { SigninKeys } from './keys.ts';
import { errorPage, signinPage } from './page.ts';

type Route = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the local sign-in needs: its keys and accounts, where the runner listens, and its clock (ms). */
export interface SigninOptions {
  readonly keys: SigninKeys;
  readonly accounts: AccountStore;
  readonly apiUrl: string;
  readonly now: () => number;
}

/** The desk's app client, as the user pool's on AWS. */
export const DESK_CLIENT_ID = 'desk';
export const SIGNIN_PATH = '/local/signin';
/** Id and access tokens live an hour (Cognito's default and minimum is 5 min; its maximum a day). */
export const TOKEN_SECONDS = 3600;
/** An authorization code is good for 5 minutes and once, as Cognito's. */
const CODE_MS = 5 * 60_000;

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);
/** The authorization request (RFC 6749 4.1.1 with PKCE, RFC 7636), as the desk sends it. */
const AuthorizeRequest = z.object({
  response_type: z.literal('code', { error: 'response_type must be code' }),
  client_id: z.string({ error: 'client_id is required' }),
  redirect_uri: z.string({ error: 'redirect_uri is required' }),
  state: z.string({ error: 'state is required' }).min(1, 'state is required').max(2048),
  scope: z.string().max(512).optional(),
  code_challenge: base64url.length(43, 'code_challenge must be the 43-character base64url SHA-256 of the verifier'),
  code_challenge_method: z.literal('S256', { error: 'code_challenge_method must be S256 (PKCE is required)' }),
});
type AuthorizeRequest = z.infer<typeof AuthorizeRequest>;
const Credentials = z.object({ username: z.string().trim().min(1).max(256), password: z.string().min(1).max(256) });
const TokenRequest = z.object({
  grant_type: z.literal('authorization_code', { error: 'grant_type must be authorization_code' }),
  code: z.string({ error: 'code is required' }).min(1).max(256),
  redirect_uri: z.string({ error: 'redirect_uri is required' }),
  client_id: z.string({ error: 'client_id is required' }),
  code_verifier: z
    .string({ error: 'code_verifier is required' })
    .regex(/^[A-Za-z0-9._~-]{43,128}$/, 'code_verifier must be 43 to 128 characters of [A-Za-z0-9._~-]'),
});

interface Grant {
  readonly username: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly scope: string;
  readonly expires: number;
}

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  body: JSON.stringify(body),
});
const oauthError = (error: string, description: string) => json(400, { error, error_description: description });
/** The first problem, naming its field. */
function firstIssue(e: z.ZodError): string {
  const issue = e.issues[0];
  const field = String(issue?.path[0] ?? 'request');
  const message = issue?.message ?? 'is not valid';
  return message.startsWith(field) ? message : `${field}: ${message}`;
}

function formOf(event: APIGatewayProxyEventV2): Record<string, string> | undefined {
  const type = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString() : (event.body ?? '');
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * The local OIDC provider under `/local/signin` (authority `http://127.0.0.1:<PORT>/local/signin`), speaking Cognito
 * managed login's part of the code flow with PKCE: discovery, JWKS, the sign-in page, the token endpoint and logout.
 */
export function signinRoutes(o: SigninOptions): Record<string, Route> {
  const issuer = `${o.apiUrl}${SIGNIN_PATH}`;
  const deskUrl = `${o.apiUrl}/desk/`;
  const grants = new Map<string, Grant>();

  const checkRequest = (fields: Record<string, unknown>): AuthorizeRequest | string => {
    const parsed = AuthorizeRequest.safeParse(fields);
    if (!parsed.success) return firstIssue(parsed.error);
    if (parsed.data.client_id !== DESK_CLIENT_ID) return `unknown client_id ${parsed.data.client_id}`;
    if (parsed.data.redirect_uri !== deskUrl) return `redirect_uri must be ${deskUrl}`;
    return parsed.data;
  };

  const issue = (account: { username: string }, request: AuthorizeRequest) => {
    const now = o.now();
    for (const [code, grant] of grants) if (grant.expires <= now) grants.delete(code);
    const code = randomUUID();
    grants.set(code, {
      username: account.username,
      redirectUri: request.redirect_uri,
      challenge: request.code_challenge,
      scope: request.scope ?? 'openid',
      expires: now + CODE_MS,
    });
    const to = new URL(request.redirect_uri);
    to.searchParams.set('code', code);
    to.searchParams.set('state', request.state);
    return { statusCode: 302, headers: { Location: to.toString(), 'Cache-Control': 'no-store' }, body: '' };
  };

  const tokens = (username: string, scope: string) => {
    const account = o.accounts.find(username);
    if (!account) return oauthError('invalid_grant', 'the account was removed');
    const iat = Math.floor(o.now() / 1000);
    const common = { sub: account.sub, iss: issuer, iat, auth_time: iat, exp: iat + TOKEN_SECONDS };
    const groups = [account.group];
    const idToken = signJwt(o.keys, {
      ...common,
      aud: DESK_CLIENT_ID,
      token_use: 'id',
      email: account.email,
      email_verified: true,
      // Cognito's username in a pool that signs in with the e-mail address is the user's id, not the address: the
      // session name and so the admin log line name the editor without an address in clear.
      'cognito:username': account.sub,
      'cognito:groups': groups,
    });
    const accessToken = signJwt(o.keys, {
      ...common,
      client_id: DESK_CLIENT_ID,
      token_use: 'access',
      scope,
      jti: randomUUID(),
      username: account.sub,
      'cognito:groups': groups,
    });
    return json(200, { id_token: idToken, access_token: accessToken, expires_in: TOKEN_SECONDS, token_type: 'Bearer' });
  };

  return {
    [`GET ${SIGNIN_PATH}/.well-known/openid-configuration`]: async () =>
      json(200, {
        issuer,
        authorization_endpoint: `${issuer}/oauth2/authorize`,
        token_endpoint: `${issuer}/oauth2/token`,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ['openid', 'email', 'profile'],
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'email', 'cognito:username', 'cognito:groups'],
      }),
    [`GET ${SIGNIN_PATH}/.well-known/jwks.json`]: async () => json(200, jwks(o.keys)),
    [`GET ${SIGNIN_PATH}/oauth2/authorize`]: async (event) => {
      const query = Object.fromEntries(new URLSearchParams(event.rawQueryString));
      const request = checkRequest(query);
      if (typeof request === 'string') return errorPage(400, request);
      return signinPage(200, { ...request, scope: request.scope ?? 'openid' });
    },
    [`POST ${SIGNIN_PATH}/oauth2/authorize`]: async (event) => {
      // A sign-in form on another site must not sign the developer in (login CSRF).
      // A browser says where the form came from in Sec-Fetch-Site (its Origin may be `null` under the page's
      // referrer policy); without it, the Origin must be the runner's own.
      const site = event.headers['sec-fetch-site'];
      const origin = event.headers.origin;
      const foreign = site ? site !== 'same-origin' : origin !== undefined && origin !== o.apiUrl;
      if (foreign) return errorPage(403, 'sign in from the desk’s own sign-in page');
      const form = formOf(event);
      if (!form) return errorPage(400, 'the sign-in form must be sent as application/x-www-form-urlencoded');
      const { username, password, ...fields } = form;
      const request = checkRequest(fields);
      if (typeof request === 'string') return errorPage(400, request);
      const hidden = { ...request, scope: request.scope ?? 'openid' };
      const given = Credentials.safeParse({ username, password });
      if (!given.success)
        return signinPage(400, hidden, { username: username ?? '', error: 'Enter your username and password.' });
      const account = await o.accounts.check(given.data.username, given.data.password);
      if (!account)
        return signinPage(401, hidden, { username: given.data.username, error: 'Incorrect username or password.' });
      return issue(account, request);
    },
    [`POST ${SIGNIN_PATH}/oauth2/token`]: async (event) => {
      const form = formOf(event);
      if (!form) return oauthError('invalid_request', 'send the token request as application/x-www-form-urlencoded');
      const parsed = TokenRequest.safeParse(form);
      if (!parsed.success) {
        const grantType = parsed.error.issues.some((i) => i.path[0] === 'grant_type');
        return oauthError(grantType ? 'unsupported_grant_type' : 'invalid_request', firstIssue(parsed.error));
      }
      const r = parsed.data;
      if (r.client_id !== DESK_CLIENT_ID) return oauthError('invalid_client', `unknown client_id ${r.client_id}`);
      // A code is spent by its first use, right or wrong: a guessed verifier gets one try.
      const grant = grants.get(r.code);
      grants.delete(r.code);
      if (!grant || grant.expires <= o.now())
        return oauthError('invalid_grant', 'the code is unknown, expired or already used');
      if (r.redirect_uri !== grant.redirectUri)
        return oauthError('invalid_grant', 'redirect_uri differs from the authorization request');
      const challenge = createHash('sha256').update(r.code_verifier).digest('base64url');
      if (challenge !== grant.challenge)
        return oauthError('invalid_grant', 'code_verifier does not match the code_challenge');
      return tokens(grant.username, grant.scope);
    },
    [`GET ${SIGNIN_PATH}/logout`]: async (event) => {
      const q = Object.fromEntries(new URLSearchParams(event.rawQueryString));
      if (q.client_id !== DESK_CLIENT_ID) return errorPage(400, 'client_id must be desk');
      const to = q.logout_uri ?? '';
      if (!to.startsWith(deskUrl)) return errorPage(400, `logout_uri must be the desk, ${deskUrl}`);
      return { statusCode: 302, headers: { Location: to, 'Cache-Control': 'no-store' }, body: '' };
    },
  };
}

/** A fresh PKCE verifier and its S256 challenge (for tests and clients written here). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
