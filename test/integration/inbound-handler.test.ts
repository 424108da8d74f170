import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { unsubscribeAddress } from '../../functions/core/mailbox.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { startFakeS3 } from '../support/fake-s3.ts';
import { tableSnapshot, useLocalStack } from '../support/local.ts';
import { mailFixture } from '../support/reports.ts';
import { readers, seedReaders } from '../support/seed.ts';

const BUCKET = 'inbound-mail';
const DOMAIN = 'inbound.newsletter.example';
const stack = useLocalStack();
let ctx: Awaited<ReturnType<typeof createSendContext>>;
let s3: Awaited<ReturnType<typeof startFakeS3>>;
let handler: (event: unknown, context: Context) => Promise<unknown>;
const READERS = readers('ses-in', 4, 'confirmed');
const email = (i: number) => READERS[i]?.email as string;
const idOf = (i: number) => subscriberIdFor(ctx.secrets.idKey, email(i).toLowerCase());
const status = async (i: number) => (await ctx.subscribers.get(idOf(i)))?.status;

/** A captured SES receipt event (Lambda action) for a message stored under `mail/<messageId>`. */
function receipt(
  name: string,
  slots: { messageId: string; recipient: string; source?: string },
  edit = (t: string) => t,
): unknown {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'ses-receipt', name), 'utf8');
  return JSON.parse(
    edit(text)
      .replaceAll('{{MESSAGE_ID}}', slots.messageId)
      .replaceAll('{{RECIPIENT}}', slots.recipient)
      .replaceAll('{{SOURCE}}', slots.source ?? ''),
  );
}

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, READERS);
  s3 = await startFakeS3();
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: s3.endpoint, INBOUND_BUCKET: BUCKET, INBOUND_PREFIX: 'mail/' });
  ({ handler } = (await import('../../functions/handlers/inbound.ts')) as never);
});
afterAll(async () => s3?.close());

describe('the receiving function, with SES receipt events', () => {
  it('unsubscribes the reader whose mailto address SES received mail for, reading it from S3 under the prefix', async () => {
    const to = unsubscribeAddress(ctx.secrets.ring, idOf(0), DOMAIN) as string;
    s3.put(BUCKET, 'mail/m-unsub-1', mailFixture('unsubscribe.eml', { from: email(0), to }));
    await handler(
      receipt('mailto-unsubscribe.json', { messageId: 'm-unsub-1', recipient: to, source: email(0) }),
      {} as Context,
    );
    expect(await status(0)).toBe('unsubscribed');
    expect(await status(1)).toBe('confirmed');
    expect(s3.gets.at(-1)).toEqual({ key: `${BUCKET}/mail/m-unsub-1`, range: 'bytes=0-1048576' });
  });

  it('changes nothing for the same report naming a reader by Original-Rcpt-To when SES says DKIM failed', async () => {
    const before = await tableSnapshot(stack.current);
    const original = mailFixture('stray.eml', { to: email(1) }).replace('Hello there', 'Belarus Weekly');
    const report = mailFixture('mailru-arf.eml', { to: `fbl@${DOMAIN}`, recipient: email(1), original });
    s3.put(BUCKET, 'mail/m-arf-forged', report);
    const failed = (t: string) =>
      t.replace('"dkimVerdict": { "status": "PASS" }', '"dkimVerdict": { "status": "FAIL" }');
    const event = receipt('feedback-report.json', { messageId: 'm-arf-forged', recipient: `fbl@${DOMAIN}` }, failed);
    await handler(event, {} as Context);
    expect(await status(1)).toBe('confirmed');
    expect(await tableSnapshot(stack.current)).toBe(before);
  });

  it('marks complained the reader a feedback report names by Original-Rcpt-To when it passed DKIM for Mail.ru', async () => {
    const original = mailFixture('stray.eml', { to: email(1) }).replace('Hello there', 'Belarus Weekly');
    const report = mailFixture('mailru-arf.eml', { to: `fbl@${DOMAIN}`, recipient: email(1), original });
    s3.put(BUCKET, 'mail/m-arf-1', report);
    await handler(receipt('feedback-report.json', { messageId: 'm-arf-1', recipient: `fbl@${DOMAIN}` }), {} as Context);
    expect(await status(1)).toBe('complained');
  });

  it('changes nothing for a forged address, an oversized message or a record that is not an SES receipt', async () => {
    const before = await tableSnapshot(stack.current);
    const real = unsubscribeAddress(ctx.secrets.ring, idOf(2), DOMAIN) as string;
    const forged = real.replace(/-[0-9a-f]{20}@/, `-${'0'.repeat(20)}@`);
    s3.put(BUCKET, 'mail/m-forged', mailFixture('unsubscribe.eml', { from: email(2), to: forged }));
    await handler(receipt('mailto-unsubscribe.json', { messageId: 'm-forged', recipient: forged }), {} as Context);
    const big = `${mailFixture('unsubscribe.eml', { from: email(2), to: real })}\n${'y'.repeat(2 * 1024 * 1024)}`;
    s3.put(BUCKET, 'mail/m-big', big);
    await handler(receipt('mailto-unsubscribe.json', { messageId: 'm-big', recipient: real }), {} as Context);
    await handler({ Records: [{ eventSource: 'aws:sqs', body: '{}' }] }, {} as Context);
    expect(await tableSnapshot(stack.current)).toBe(before);
    expect(await status(2)).toBe('confirmed');
  });

  it('fails the invocation when the stored message is missing, so Lambda retries it and then dead-letters it', async () => {
    const to = unsubscribeAddress(ctx.secrets.ring, idOf(3), DOMAIN) as string;
    await expect(
      handler(receipt('mailto-unsubscribe.json', { messageId: 'm-missing', recipient: to }), {} as Context),
    ).rejects.toThrow();
    expect(await status(3)).toBe('confirmed');
  });
});
