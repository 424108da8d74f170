import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { dispatchLocally } from '../../local/dispatcher.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';
import { type FaultProxy, startFaultProxy } from '../support/ses-fault-proxy.ts';

const stack = useLocalStack({ BATCH_SIZE: '4' });
const READERS = readers('unverified', 12, 'confirmed');
// SES answers "not verified" for the sender until DKIM verifies: here, the first 9 SendEmail calls.
const BLOCKED_CALLS = 9;
let proxy: FaultProxy;
let calls = 0;

beforeAll(async () => {
  const ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, READERS);
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W44'))).code).toBe(0);
  proxy = await startFaultProxy(stack.current.sesUrl, (path) => {
    if (!path.endsWith('/outbound-emails')) return 'pass';
    return ++calls <= BLOCKED_CALLS ? 'unverified' : 'pass';
  });
});

afterAll(async () => {
  await proxy?.close();
});

describe('a sender SES does not accept yet (DKIM not verified)', () => {
  it('holds the whole edition back and mails every reader exactly once when SES accepts again', async () => {
    const ctx = await createSendContext(stack.current.env);
    const mailer = new SesMailer(
      new SESv2Client({ endpoint: proxy.endpoint, maxAttempts: 1 }),
      ctx.config.SENDER_EMAIL,
    );
    const { deadLetters } = await dispatchLocally(ctx, { edition: '2026-W44' }, { mailer, secondMs: 2 });
    expect(deadLetters).toEqual([]);
    expect(proxy.counts.unverified).toBe(BLOCKED_CALLS);
    for (const r of READERS) expect(await inbox(stack.current, r.email), r.email).toHaveLength(1);
    const report = JSON.parse((await cli(stack.current.env, 'status', '--edition', '2026-W44', '--json')).out);
    const total = { sent: 0, failed: 0, pending: 0 };
    for (const l of Object.values(report.languages as Record<string, typeof total>))
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += l[k];
    expect(total).toEqual({ sent: READERS.length, failed: 0, pending: 0 });
  });
});
