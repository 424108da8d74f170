// Sign-in: the authorization-code flow with PKCE (S256) against the configured authority, then the identity pool's
// GetId and GetCredentialsForIdentity (JSON 1.1). The same code on AWS (Cognito) and on `npm start` (the local
// sign-in): only /desk/config.json differs.

/** GET /desk/config.json. */
export interface DeskConfig {
  readonly region: string;
  readonly authority: string;
  readonly clientId: string;
  readonly identityPoolId: string;
  readonly identityEndpoint: string;
  readonly loginsKey: string;
}

/** A signed-in editor: temporary AWS credentials and who they belong to. */
export interface Session {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch milliseconds. */
  readonly expiration: number;
  readonly email: string;
  readonly groups: readonly string[];
  readonly idToken: string;
}

const SESSION = 'desk.session';
const PENDING = 'desk.signin';

/** The desk's own address, the redirect URI (`<origin>/desk/`, the stage prefix kept). */
export function deskUrl(): string {
  return `${location.origin}${location.pathname}`;
}

export async function loadConfig(): Promise<DeskConfig> {
  const res = await fetch(new URL('config.json', deskUrl()), { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: ${res.status} ${await res.text()}`);
  return (await res.json()) as DeskConfig;
}

/** The stored session while its credentials hold for another minute. */
export function currentSession(now = Date.now()): Session | undefined {
  const raw = sessionStorage.getItem(SESSION);
  if (!raw) return undefined;
  const session = JSON.parse(raw) as Session;
  return session.expiration - 60_000 > now ? session : undefined;
}

export function forgetSession(): void {
  sessionStorage.removeItem(SESSION);
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const random = (n: number) => base64url(crypto.getRandomValues(new Uint8Array(n)));

/** Leaves for the authority's sign-in page; `back` (a `#/...` page) is where the desk returns afterwards. */
export async function signIn(config: DeskConfig, back: string): Promise<never> {
  const verifier = random(48);
  const state = random(24);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, back }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: deskUrl(),
    scope: 'openid email profile',
    state,
    code_challenge: base64url(digest),
    code_challenge_method: 'S256',
  });
  location.assign(`${config.authority}/oauth2/authorize?${params}`);
  return new Promise<never>(() => {});
}

async function identityCall<T>(config: DeskConfig, target: string, body: object): Promise<T> {
  const res = await fetch(config.identityEndpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityService.${target}`,
    },
    body: JSON.stringify(body),
  });
  const answer = (await res.json().catch(() => ({}))) as T & { message?: string; __type?: string };
  if (!res.ok) throw new Error(`${target}: ${answer.message ?? answer.__type ?? res.status}`);
  return answer;
}

function claims(idToken: string): { email?: string; 'cognito:groups'?: string[] } {
  const payload = idToken.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

/**
 * Finishes a sign-in when the URL carries the authority's answer (`?code&state` or `?error`): exchanges the code,
 * gets credentials, stores the session and answers the page to return to; undefined when there is nothing to finish.
 */
export async function finishSignIn(config: DeskConfig): Promise<string | undefined> {
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  const error = query.get('error');
  if (!code && !error) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as {
    verifier: string;
    state: string;
    back: string;
  } | null;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${deskUrl()}${pending?.back ?? ''}`);
  if (error) throw new Error(query.get('error_description') ?? error);
  if (!pending || pending.state !== query.get('state'))
    throw new Error('the sign-in answer does not match its request');
  const res = await fetch(`${config.authority}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code as string,
      redirect_uri: deskUrl(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = (await res.json().catch(() => ({}))) as { id_token?: string; error?: string };
  if (!res.ok || !tokens.id_token) throw new Error(`token: ${tokens.error ?? res.status}`);
  await storeCredentials(config, tokens.id_token);
  return pending.back;
}

/** Exchanges an id token for the identity pool's credentials and keeps them in sessionStorage. */
export async function storeCredentials(config: DeskConfig, idToken: string): Promise<Session> {
  const Logins = { [config.loginsKey]: idToken };
  const { IdentityId } = await identityCall<{ IdentityId: string }>(config, 'GetId', {
    IdentityPoolId: config.identityPoolId,
    Logins,
  });
  const { Credentials: c } = await identityCall<{
    Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number };
  }>(config, 'GetCredentialsForIdentity', { IdentityId, Logins });
  const who = claims(idToken);
  const session: Session = {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration * 1000,
    email: who.email ?? '',
    groups: who['cognito:groups'] ?? [],
    idToken,
  };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return session;
}

/** Leaves for the authority's sign-out, which comes back to the desk. */
export function signOut(config: DeskConfig): void {
  forgetSession();
  const params = new URLSearchParams({ client_id: config.clientId, logout_uri: deskUrl() });
  location.assign(`${config.authority}/logout?${params}`);
}
