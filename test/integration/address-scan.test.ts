import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InProcessQueue } from '../../functions/adapters/in-process/queue.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, linkIn, listUnsubscribe, postForm, postJson, readerIdOf, type StoredEmail } from '../support/local.ts';
import { captureOutput, type OutputCapture } from '../support/output-capture.ts';
import { mailFixture } from '../support/reports.ts';
import { sendSmtp } from '../support/smtp-client.ts';
import { addressForms, filesUnder, occurrences, type Stored } from '../support/stored-bytes.ts';

// Issue 21's proof: the whole path on a stack with a data folder, as `npm start` runs it, then every byte the
// stand-ins stored, every message queued and everything printed is scanned for the readers' addresses.
const TAG = randomBytes(5).toString('hex');
const ROLES = ['bounced', 'complained', 'mailed', 'linked', 'pending'] as const;
type Role = (typeof ROLES)[number];
// Typed in mixed case, as readers do; stored (sealed) in the normalised form.
const ADDRESS = Object.fromEntries(ROLES.map((r) => [r, `Zz-Scan-${TAG}-${r}@Example.org`])) as Record<Role, string>;
const LANGUAGE: Record<Role, string> = { bounced: 'en', complained: 'be', mailed: 'ru', linked: 'en', pending: 'be' };
const EDITION = '2026-W47';

const dataDir = mkdtempSync(join(tmpdir(), 'address-scan-'));
let stack: LocalStack;
let output: OutputCapture;
let queued: { mock: { calls: unknown[][] }; mockRestore(): void };
/** What the scan reads once the stack is closed. */
const scanned: { dynalite: Stored[]; queues: Stored[]; logs: Stored[]; smtp: Stored[] } = {
  dynalite: [],
  queues: [],
  logs: [],
  smtp: [],
};

const mailTo = async (role: Role) => inbox(stack, ADDRESS[role].toLowerCase());
const tokenOf = (link: string) => new URL(link).searchParams.get('token') as string;

async function subscribe(role: Role, i: number): Promise<void> {
  const body = { email: ADDRESS[role], language: LANGUAGE[role] };
  expect((await postJson(stack, '/subscribe', body, `203.0.113.${i + 1}`)).status).toBe(202);
  if (role === 'pending') return;
  const [confirmation] = await mailTo(role);
  const token = tokenOf(linkIn(confirmation as StoredEmail, `${stack.apiUrl}/confirm?token=`));
  expect((await postForm(stack, '/confirm', { token }, `203.0.113.${i + 1}`)).status).toBe(200);
  // The confirmation and the welcome.
  expect(await mailTo(role)).toHaveLength(2);
}

/** A captured SES event (bounce or complaint) about `role`'s digest, as EventBridge or SNS hands it over. */
async function sesEvent(name: string, role: Role): Promise<void> {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'ses', name), 'utf8')
    .replaceAll('{{RECIPIENT}}', ADDRESS[role].toLowerCase())
    .replaceAll('{{EDITION}}', EDITION)
    .replaceAll('{{SUBSCRIBER}}', readerIdOf(stack, ADDRESS[role]));
  const { handler } = (await import('../../functions/handlers/ses-events.ts')) as unknown as {
    handler: (event: unknown, context: Context) => Promise<unknown>;
  };
  await handler(JSON.parse(text), {} as Context);
}

async function statusOf(role: Role): Promise<string> {
  const exported = await cli(stack.env, 'subscribers', 'export', ADDRESS[role]);
  expect(exported.code).toBe(0);
  // The explicit export is the one answer that carries the address in clear (to the CLI, not to any log).
  expect(exported.out.toLowerCase()).toContain(ADDRESS[role].toLowerCase());
  return (JSON.parse(exported.out) as { status: string }).status;
}

beforeAll(async () => {
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
  output = captureOutput();
  queued = vi.spyOn(InProcessQueue.prototype, 'enqueue');
  // Every log line and every metric printed, not only warnings.
  const env = { POWERTOOLS_LOG_LEVEL: 'DEBUG', POWERTOOLS_METRICS_DISABLED: 'false' };
  stack = await startLocalStack({ dataDir, env, trustForwardedFor: true });
});

afterAll(() => {
  output.restore();
  queued.mockRestore();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the whole path, then a scan for addresses in clear', () => {
  it('subscribes, confirms and welcomes, sends with a bounce and a complaint, takes mail, exports and erases', async () => {
    for (const [i, role] of ROLES.entries()) await subscribe(role, i);
    expect((await cli(stack.env, 'import', fixtureEdition(EDITION))).code).toBe(0);
    expect((await cli(stack.env, 'send', '--edition', EDITION, '--yes')).code).toBe(0);
    const digest = async (role: Role) => (await mailTo(role)).at(-1) as StoredEmail;
    for (const role of ROLES.filter((r) => r !== 'pending')) expect(await mailTo(role)).toHaveLength(3);

    await sesEvent('eventbridge-bounce-permanent.json', 'bounced');
    await sesEvent('eventbridge-complaint.json', 'complained');
    await sesEvent('sns-bounce-transient.json', 'mailed');
    expect(await statusOf('bounced')).toBe('bounced');
    expect(await statusOf('complained')).toBe('complained');

    // Unsubscribe by mail to the digest's List-Unsubscribe address, over the SMTP stand-in.
    const to = (listUnsubscribe(await digest('mailed')).mailto ?? '').split('?')[0] as string;
    const mail = mailFixture('unsubscribe.eml', { from: ADDRESS.mailed.toLowerCase(), to });
    expect((await sendSmtp(stack.smtp.port, { from: ADDRESS.mailed.toLowerCase(), to: [to] }, mail)).code).toBe(250);
    expect(await statusOf('mailed')).toBe('unsubscribed');

    expect((await cli(stack.env, 'subscribers', 'lookup', ADDRESS.linked)).code).toBe(0);
    expect((await cli(stack.env, 'subscribers', 'erase', ADDRESS.complained)).code).toBe(0);
    const erase = tokenOf(linkIn(await digest('linked'), `${stack.apiUrl}/erase?token=`));
    expect((await postForm(stack, '/erase?lang=en', { token: erase })).status).toBe(200);
    for (const role of ['complained', 'linked'] as const)
      await expect(cli(stack.env, 'subscribers', 'lookup', ADDRESS[role])).rejects.toThrow('no data is held');

    await stack.drain();
    scanned.smtp = [{ label: 'smtp stand-in', bytes: Buffer.from(JSON.stringify(stack.smtp.received)) }];
    await stack.close();
    scanned.dynalite = filesUnder(dataDir).map((f) => ({ ...f, label: `.data/${f.label}` }));
    scanned.queues = queued.mock.calls.map((args: unknown[], i: number) => ({
      label: `queued message ${i + 1}`,
      bytes: Buffer.from(JSON.stringify(args[0])),
    }));
    scanned.logs = [{ label: 'printed', bytes: Buffer.from(output.text()) }];
  });

  it('read what it scans: every reader is in the data folder by its keyed-hash id, every message was captured', () => {
    const all = Buffer.concat(scanned.dynalite.map((f) => f.bytes));
    for (const role of ROLES) expect(all.includes(readerIdOf(stack, ADDRESS[role])), role).toBe(true);
    // LevelDB's write-ahead log keeps every write uncompressed; a compacted table would hide a value from a byte scan.
    expect(scanned.dynalite.some((f) => /\.log$/.test(f.label))).toBe(true);
    expect(scanned.dynalite.filter((f) => /\.(ldb|sst)$/.test(f.label))).toEqual([]);
    // Five confirmation requests and the send's batches went through the in-process queues.
    expect(scanned.queues.filter((q) => q.bytes.includes('r1.')).length).toBeGreaterThanOrEqual(ROLES.length);
    expect(scanned.queues.length).toBeGreaterThan(ROLES.length);
    expect(scanned.logs[0]?.bytes.toString()).toContain('"level":"INFO"');
    expect(scanned.logs[0]?.bytes.toString()).toContain('"_aws"');
  });

  it.each(['dynalite', 'queues', 'logs', 'smtp'] as const)('finds no address in clear in %s', (where) => {
    // Nothing scanned would pass for nothing found: the path above must have run to its end.
    expect(scanned[where].length, 'bytes to scan').toBeGreaterThan(0);
    const needles = ROLES.flatMap((r) => addressForms(ADDRESS[r]));
    expect(occurrences(scanned[where], needles)).toEqual([]);
  });
});
