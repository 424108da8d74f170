// The editors' API, signed with SigV4 (service execute-api) with the session's temporary credentials, like the CLI.
import { AwsClient } from 'aws4fetch';
import { ADMIN_ROUTE_ROLES, type AdminRole } from '../functions/handlers/admin/route-keys.ts';
import { currentSession, type DeskConfig, deskUrl, forgetSession, signIn } from './auth.ts';
import { announce } from './dom.ts';
import { t } from './i18n.ts';

/** A refused or failed request, with a sentence for the editor. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The API's error code (`unknown_edition`, ...), when it gave one. */
    readonly code = '',
  ) {
    super(message);
  }
}

let config: DeskConfig | undefined;

export function useConfig(c: DeskConfig): void {
  config = c;
}

/** The role (group) a route needs, from the same table as the stack's policies. */
export function roleOf(method: string, path: string): AdminRole | undefined {
  for (const [key, role] of Object.entries(ADMIN_ROUTE_ROLES)) {
    const [m, p] = key.split(' ') as [string, string];
    if (m === method && new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path)) return role;
  }
  return undefined;
}

async function again(): Promise<never> {
  forgetSession();
  return signIn(config as DeskConfig, location.hash);
}

/**
 * Sends a signed request to `/admin/<path>`; answers the response when it is 2xx. An expired session signs in again
 * (and comes back to this page); a 403 for a route of another role names the role; anything else is an ApiError.
 */
export async function request(method: string, path: string, init: { body?: unknown; accept?: string } = {}) {
  const session = currentSession();
  if (!config || !session) return again();
  const client = new AwsClient({
    accessKeyId: session.accessKeyId,
    secretAccessKey: session.secretAccessKey,
    sessionToken: session.sessionToken || undefined,
    service: 'execute-api',
    region: config.region,
  });
  const url = new URL(`../admin/${path}`, deskUrl());
  const headers: Record<string, string> = { Accept: init.accept ?? 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await client.fetch(url.toString(), {
      method,
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
  } catch (e) {
    throw new ApiError(0, t('error.network', { detail: (e as Error).message }));
  }
  if (res.ok) return res;
  const text = await res.text();
  let message = text;
  let code = '';
  try {
    const parsed = JSON.parse(text) as { message?: string; error?: { code?: string; message?: string } };
    message = parsed.error?.message ?? parsed.message ?? text;
    code = parsed.error?.code ?? '';
  } catch {}
  if (res.status === 403 && /expired/i.test(message)) return again();
  if (res.status === 403 && /not authorized/i.test(message)) {
    const role = roleOf(method, url.pathname.replace(/^.*(?=\/admin\/)/, ''));
    throw new ApiError(403, t('error.role', { role: role === 'subscriber-data' ? 'data' : 'editor' }));
  }
  throw new ApiError(res.status, t('error.http', { status: res.status, message }), code);
}

/** A signed request answering JSON. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await request(method, path, body === undefined ? {} : { body });
  return (await res.json()) as T;
}

/** The signed-in editor's address and groups. */
export function who(): { email: string; groups: readonly string[] } {
  const s = currentSession();
  return { email: s?.email ?? '', groups: s?.groups ?? [] };
}

/** Puts an error into the status region (an ApiError's sentence, or the error's message). */
export function showError(e: unknown): void {
  const detail = String((e as Error)?.message ?? e);
  announce(e instanceof ApiError ? e.message : t('error.unexpected', { detail }), 'error');
}
