import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSecrets } from '../../functions/adapters/secrets.ts';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { type LocalProcess, startLocalProcess } from '../support/local-process.ts';
import { eventually } from '../support/wait.ts';

const running: LocalProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(cwd: string): Promise<LocalProcess> {
  const p = await startLocalProcess(cwd);
  running.push(p);
  return p;
}

async function restart(p: LocalProcess, cwd: string): Promise<LocalProcess> {
  await p.stop();
  return start(cwd);
}

/** The link in the latest e-mail to `to` that starts with `prefix`, waiting for it: confirmations are queued. */
async function mailedLink(p: LocalProcess, to: string, prefix: string): Promise<string> {
  return eventually(async () => {
    const { emails } = (await (await fetch(`${p.sesUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { text?: string } }[];
    };
    const text = emails.filter((e) => e.destination.to.includes(to)).at(-1)?.body.text ?? '';
    const link = text.match(new RegExp(`${prefix}[^\\s)>"]+`))?.[0];
    if (!link) throw new Error(`no ${prefix} link mailed to ${to}`);
    return link;
  });
}

function form(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}

async function subscribe(p: LocalProcess, email: string): Promise<string> {
  const res = await fetch(`${p.apiUrl}/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, language: 'en' }),
  });
  expect(res.status).toBe(202);
  return new URL(await mailedLink(p, email, `${p.apiUrl}/confirm\\?token=`)).searchParams.get('token') as string;
}

async function status(p: LocalProcess, cwd: string, email: string): Promise<unknown> {
  const { idKey } = parseSecrets(readFileSync(join(cwd, '.data', 'secrets.json'), 'utf8'));
  const id = subscriberIdFor(idKey, email);
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: p.dynamoUrl,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const { Items = [] } = await db.send(new ScanCommand({ TableName: 'newsletter', ConsistentRead: true }));
  return Items.find((i) => i.kind === 'subscriber' && i.id === id)?.status;
}

function editSecret(cwd: string, change: (secret: Record<string, unknown>) => void): void {
  const file = join(cwd, '.data', 'secrets.json');
  const secret = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(secret);
  writeFileSync(file, JSON.stringify(secret));
}

describe('token key rotation on a local stack with a data dir', () => {
  it('keeps links issued before the first rotation working until the old key is retired', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rotation-'));
    dirs.push(cwd);
    let p = await start(cwd);
    const pendingToken = await subscribe(p, 'pending.reader@example.org');
    const confirmedToken = await subscribe(p, 'confirmed.reader@example.org');
    const page = await (await form(`${p.apiUrl}/confirm`, `token=${confirmedToken}`)).text();
    const manageToken = new URL(
      (page.match(/href="([^"]*\/unsubscribe\?token=[^"]+)"/)?.[1] ?? '').replace(/&amp;/g, '&'),
    ).searchParams.get('token') as string;
    const laterToken = await subscribe(p, 'later.reader@example.org');

    // The first rotation, as docs/deploying.md describes it: a first tokenKeys entry, then a restart.
    editSecret(cwd, (s) => {
      s.tokenKeys = [{ id: 'k2', secret: 'n'.repeat(43) }];
    });
    p = await restart(p, cwd);
    expect((await form(`${p.apiUrl}/confirm`, `token=${pendingToken}`)).status).toBe(200);
    expect(await status(p, cwd, 'pending.reader@example.org')).toBe('confirmed');
    expect((await fetch(`${p.apiUrl}/unsubscribe?token=${manageToken}`)).status).toBe(200);
    const oneClick = await form(`${p.apiUrl}/unsubscribe?token=${manageToken}`, 'List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(await status(p, cwd, 'confirmed.reader@example.org')).toBe('unsubscribed');
    // New links are signed with the new key.
    const fresh = await subscribe(p, 'new.reader@example.org');
    expect(Buffer.from(fresh.split('.')[2] as string, 'base64url').toString()).toMatch(/\.k2$/);

    // Retiring the key derived from master is a deliberate act: its links stop working, the new key's do not.
    editSecret(cwd, (s) => {
      s.retiredKeys = ['k1'];
    });
    p = await restart(p, cwd);
    expect((await form(`${p.apiUrl}/confirm`, `token=${laterToken}`)).status).toBe(400);
    expect(await status(p, cwd, 'later.reader@example.org')).toBe('pending');
    expect((await form(`${p.apiUrl}/confirm`, `token=${fresh}`)).status).toBe(200);
  });
});
