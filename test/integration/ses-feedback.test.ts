import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

const stack = useLocalStack();
let ctx: Awaited<ReturnType<typeof createSendContext>>;
let handler: (event: unknown, context: Context) => Promise<unknown>;
const READERS = readers('fb', 9, 'confirmed');

/** A captured SES event with this test's recipient, edition and subscriber id filled in. */
function fixture(name: string, email: string, edition: string): unknown {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'ses', name), 'utf8');
  const id = subscriberIdFor(ctx.secrets.idKey, email.toLowerCase());
  return JSON.parse(
    text.replaceAll('{{RECIPIENT}}', email).replaceAll('{{EDITION}}', edition).replaceAll('{{SUBSCRIBER}}', id),
  );
}

async function statusOf(email: string) {
  return JSON.parse((await cli(stack.current.env, 'subscribers', 'export', email)).out) as {
    status: string;
    transientBounces?: number;
  };
}

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, READERS);
  ({ handler } = (await import('../../functions/handlers/ses-events.ts')) as never);
  for (const e of ['2026-W45', '2026-W46'])
    expect((await cli(stack.current.env, 'import', fixtureEdition(e))).code).toBe(0);
  expect((await cli(stack.current.env, 'send', '--edition', '2026-W45', '--yes')).code).toBe(0);
});

describe('SES bounce and complaint events', () => {
  it('makes a permanently bounced reader bounced (EventBridge) and counts it in the report', async () => {
    await handler(fixture('eventbridge-bounce-permanent.json', 'fb0@example.org', '2026-W45'), {} as Context);
    expect((await statusOf('fb0@example.org')).status).toBe('bounced');
  });

  it('makes a complaining reader complained (EventBridge)', async () => {
    await handler(fixture('eventbridge-complaint.json', 'FB1@Example.org', '2026-W45'), {} as Context);
    expect((await statusOf('fb1@example.org')).status).toBe('complained');
  });

  it("moves the bounced and the complaining reader in the readers' counters, once however often SES tells", async () => {
    await handler(fixture('eventbridge-complaint.json', 'fb1@example.org', '2026-W45'), {} as Context);
    const stats = JSON.parse((await cli(stack.current.env, 'stats', '--json')).out);
    // fb0 (en) bounced, fb1 (be) complained, of 3 readers per language.
    expect(stats).toEqual({
      total: 9,
      languages: { en: { confirmed: 2, bounced: 1 }, be: { confirmed: 2, complained: 1 }, ru: { confirmed: 3 } },
      weeks: expect.any(Array),
    });
  });

  it('only counts a transient bounce (SNS)', async () => {
    await handler(fixture('sns-bounce-transient.json', 'fb2@example.org', '2026-W45'), {} as Context);
    expect(await statusOf('fb2@example.org')).toMatchObject({ status: 'confirmed', transientBounces: 1 });
  });

  it('ignores delivery events', async () => {
    await handler(fixture('eventbridge-delivery.json', 'fb3@example.org', '2026-W45'), {} as Context);
    expect(await statusOf('fb3@example.org')).toMatchObject({ status: 'confirmed' });
  });

  it('drops a record that is not an SES event without failing the invocation', async () => {
    await expect(
      handler({ 'detail-type': 'Email Bounced', source: 'aws.ses', detail: { eventType: 'Bounce' } }, {} as Context),
    ).resolves.toBeUndefined();
    expect(await statusOf('fb4@example.org')).toMatchObject({ status: 'confirmed' });
  });

  it('reports the bounce and the complaint, and keeps both readers out of the next send', async () => {
    const report = JSON.parse((await cli(stack.current.env, 'status', '--edition', '2026-W45', '--json')).out);
    const sum = (k: string) =>
      Object.values(report.languages as Record<string, Record<string, number>>).reduce((n, l) => n + (l[k] ?? 0), 0);
    expect({ sent: sum('sent'), bounced: sum('bounced'), complained: sum('complained') }).toEqual({
      sent: 9,
      bounced: 1,
      complained: 1,
    });
    expect((await cli(stack.current.env, 'send', '--edition', '2026-W46', '--yes')).code).toBe(0);
    expect(await inbox(stack.current, 'fb0@example.org')).toHaveLength(1);
    expect(await inbox(stack.current, 'fb1@example.org')).toHaveLength(1);
    expect(await inbox(stack.current, 'fb2@example.org')).toHaveLength(2);
  });
});
