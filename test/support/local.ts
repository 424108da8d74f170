import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { allItems } from '../../functions/adapters/dynamo/pager.ts';
import { parseSecrets } from '../../functions/adapters/secrets.ts';
import { normalizeEmail } from '../../functions/core/email.ts';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';

/** An e-mail as the SES stand-in keeps it (`GET /store`). */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
  at: number;
}

/**
 * Starts a local stack (in memory, free ports) for the test file and stops it afterwards; one per process. The stack
 * starts as in a shell without AWS credentials (its editors' API checks `local` / `local`), whatever credentials the
 * developer running the tests has set: `env` may still give it some.
 */
export function useLocalStack(
  env: Record<string, string> = {},
  options: { trustForwardedFor?: boolean } = {},
): { readonly current: LocalStack } {
  const holder: { current?: LocalStack } = {};
  beforeAll(async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
    // Tests act as many clients through X-Forwarded-For unless they say otherwise.
    holder.current = await startLocalStack({ env, trustForwardedFor: options.trustForwardedFor ?? true });
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder as { readonly current: LocalStack };
}

/** Every e-mail the SES stand-in has received, optionally only those to `to`, once the queued ones are sent. */
export async function inbox(stack: LocalStack, to?: string): Promise<StoredEmail[]> {
  await stack.drain();
  const res = await fetch(`${stack.sesUrl}/store`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  return to ? emails.filter((e) => e.destination.to.some((t) => t.toLowerCase() === to.toLowerCase())) : emails;
}

/** Every item in the stack's table (small test tables only), once the queued confirmations are handled. */
export async function tableItems(stack: LocalStack): Promise<Record<string, unknown>[]> {
  await stack.drain();
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return allItems((start) =>
    client.send(new ScanCommand({ TableName: stack.env.TABLE_NAME, ExclusiveStartKey: start, ConsistentRead: true })),
  );
}

/** The whole table as one string, items in key order: equal snapshots mean nothing was written. */
export async function tableSnapshot(stack: LocalStack): Promise<string> {
  const items = await tableItems(stack);
  const key = (i: Record<string, unknown>) => `${String(i.pk)}\u0000${String(i.sk)}`;
  return JSON.stringify(items.sort((a, b) => (key(a) < key(b) ? -1 : 1)));
}

/**
 * After a `send` through the editors' API, which returns once every e-mail is handed over: waits until the runner
 * has settled (the dispatch it started, the edition's delayed completion check and report included), and fails if
 * the edition has no summary then. Before/after table snapshots taken later see only their own writes.
 */
export async function afterSend(stack: LocalStack, edition: string): Promise<void> {
  await stack.settled();
  const summary = (await tableItems(stack)).find((i) => i.pk === `SEND#${edition}` && i.sk === 'SUMMARY');
  if (summary === undefined) throw new Error(`${edition} has no summary once the runner settled`);
}

/** POSTs JSON to the stack's API from the given client address. */
export function postJson(stack: LocalStack, path: string, body: unknown, clientIp = '198.51.100.1'): Promise<Response> {
  return fetch(`${stack.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** POSTs a form to the stack's API, as a browser would. */
export function postForm(stack: LocalStack, path: string, fields: Record<string, string>, clientIp = '198.51.100.2') {
  return fetch(`${stack.apiUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'x-forwarded-for': clientIp },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The first link in an e-mail's text part that starts with `prefix`. */
export function linkIn(email: StoredEmail, prefix: string): string {
  const text = email.body.text ?? '';
  const match = text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s)>"]+`));
  if (!match) throw new Error(`no link starting with ${prefix} in the e-mail`);
  return match[0];
}

/**
 * Confirms as the reader of `email` does: the token of the confirm link in their first e-mail, posted by the page's
 * button. Answers the confirmed page and the manage link on it (`/unsubscribe?token=`).
 */
export async function confirmByMail(stack: LocalStack, email: string): Promise<{ page: string; manageUrl: string }> {
  const [mail] = await inbox(stack, email);
  if (mail === undefined) throw new Error(`no e-mail to ${email}`);
  const token = new URL(linkIn(mail, `${stack.apiUrl}/confirm?token=`)).searchParams.get('token') as string;
  const page = await (await postForm(stack, '/confirm', { token })).text();
  const manageUrl = page.match(/href="([^"]*\/unsubscribe\?token=[^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
  if (manageUrl === undefined) throw new Error(`no manage link on the confirmed page of ${email}`);
  return { page, manageUrl };
}

/** The two parts of a List-Unsubscribe header: the reader's mailto address (if any) and the one-click URL. */
export function listUnsubscribe(email: StoredEmail): { mailto?: string; url: string } {
  const value = email.headers?.find((h) => h.name === 'List-Unsubscribe')?.value ?? '';
  const parts = [...value.matchAll(/<([^>]+)>/g)].map((m) => m[1] as string);
  const mailto = parts.find((p) => p.startsWith('mailto:'))?.replace(/^mailto:/, '');
  const url = parts.find((p) => p.startsWith('http'));
  if (!url) throw new Error(`no one-click URL in List-Unsubscribe: ${value}`);
  return mailto ? { mailto, url } : { url };
}

/** The stack's subscriber id of `email` (a keyed hash of its normalised form): how a test finds a reader's item. */
export function readerIdOf(stack: LocalStack, email: string): string {
  const { idKey } = parseSecrets(stack.env.SECRETS_JSON as string);
  return subscriberIdFor(idKey, normalizeEmail(email).key);
}
