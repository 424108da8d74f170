import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

// Issue 24 item 6: K (SOFT_BOUNCE_LIMIT, 3 by default) consecutive editions with a soft bounce suppress the reader.
const EDITOR = 'editor@example.org';
const stack = useLocalStack({ EDITOR_EMAILS: EDITOR });
let ctx: Awaited<ReturnType<typeof createSendContext>>;
let handler: (event: unknown, context: Context) => Promise<unknown>;
const EDITIONS = ['2026-W41', '2026-W42', '2026-W43', '2026-W44'];
// sb0: soft bounces in W41, W42 (told twice), W43 → suppressed by W43. sb1: W41, then W42 goes through, W43, W44.
// sb2: W41 told three times, W42 → a run of 2 only. All English, so the report's row is one language.
const READERS = readers('sb', 3, 'confirmed', ['en']);

/** The captured SES transient bounce (SNS) with this test's recipient, edition and subscriber id filled in. */
function softBounce(email: string, edition: string): unknown {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'ses', 'sns-bounce-transient.json'));
  const id = subscriberIdFor(ctx.secrets.idKey, email);
  return JSON.parse(
    text
      .toString('utf8')
      .replaceAll('{{RECIPIENT}}', email)
      .replaceAll('{{EDITION}}', edition)
      .replaceAll('{{SUBSCRIBER}}', id),
  );
}

async function bounce(email: string, edition: string, times = 1) {
  for (let i = 0; i < times; i++) await handler(softBounce(email, edition), {} as Context);
}

/** Sends the edition and waits for its report e-mail: the soft bounces come after it, as they usually do. */
async function send(edition: string) {
  expect((await cli(stack.current.env, 'send', '--edition', edition, '--yes')).code).toBe(0);
  await stack.current.settled();
}

async function statusOf(email: string): Promise<string> {
  return (JSON.parse((await cli(stack.current.env, 'subscribers', 'export', email)).out) as { status: string }).status;
}

/** The text of the editors' report e-mail of `edition` (exactly one). */
async function reportMail(edition: string): Promise<string> {
  await stack.current.settled();
  const mails = (await inbox(stack.current, EDITOR)).filter((m) => m.subject === `[REPORT] ${edition} sent`);
  expect(mails).toHaveLength(1);
  return mails[0]?.body.text ?? '';
}

async function report(edition: string) {
  return JSON.parse((await cli(stack.current.env, 'status', '--edition', edition, '--json')).out) as {
    suppressedAfterSoftBounces?: Record<string, number>;
  };
}

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, READERS);
  ({ handler } = (await import('../../functions/handlers/ses-events.ts')) as never);
  for (const e of EDITIONS) expect((await cli(stack.current.env, 'import', fixtureEdition(e, ['en']))).code).toBe(0);
  await send('2026-W41');
  await bounce('sb0@example.org', '2026-W41');
  await bounce('sb1@example.org', '2026-W41');
  await bounce('sb2@example.org', '2026-W41', 3);
  await send('2026-W42');
  await bounce('sb0@example.org', '2026-W42', 2);
  await bounce('sb2@example.org', '2026-W42');
});

describe('readers suppressed after K consecutive soft-bounced editions', () => {
  it('keeps a reader with two soft-bounced editions, the same event told three times counting once', async () => {
    expect(await statusOf('sb2@example.org')).toBe('confirmed');
    expect(await statusOf('sb0@example.org')).toBe('confirmed');
    expect((await report('2026-W42')).suppressedAfterSoftBounces).toBeUndefined();
  });

  it('suppresses the reader at the third consecutive edition and counts them in that report, once', async () => {
    await send('2026-W43');
    await bounce('sb0@example.org', '2026-W43', 2);
    await bounce('sb1@example.org', '2026-W43');
    expect(await statusOf('sb0@example.org')).toBe('bounced');
    expect((await report('2026-W43')).suppressedAfterSoftBounces).toEqual({ en: 1 });
    const stats = JSON.parse((await cli(stack.current.env, 'stats', '--json')).out);
    expect(stats.languages).toEqual({ en: { confirmed: 2, bounced: 1 } });
  });

  it('starts the run again after an edition that went through without a soft bounce', async () => {
    await send('2026-W44');
    await bounce('sb1@example.org', '2026-W44');
    // sb1: W41 bounced, W42 delivered, W43 and W44 bounced: a run of 2, not 4.
    expect(await statusOf('sb1@example.org')).toBe('confirmed');
    expect((await report('2026-W44')).suppressedAfterSoftBounces).toBeUndefined();
  });

  it('tells the editors in the next edition’s report e-mail: the bounces came after the report of their own', async () => {
    const line = 'English: 2026-W43: 1 reader suppressed after soft bounces in 3 editions in a row';
    expect(await reportMail('2026-W43')).not.toContain('suppressed after soft bounces');
    expect(await reportMail('2026-W44')).toContain(line);
  });

  it('mails the suppressed reader no digest after it', async () => {
    expect(await inbox(stack.current, 'sb0@example.org')).toHaveLength(3);
    expect(await inbox(stack.current, 'sb1@example.org')).toHaveLength(4);
  });
});
