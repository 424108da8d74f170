import { beforeAll, describe, expect, it } from 'vitest';
import { editionAt, previousEdition } from '../../functions/core/edition.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli } from '../support/cli.ts';
import { readers, seedReaders } from '../support/seed.ts';
import { useStackBehindProxy } from '../support/stack-behind-proxy.ts';

const behind = useStackBehindProxy({}, { writes: 'none' });
const { stack } = behind;

const READERS = 300;

beforeAll(async () => {
  const ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, readers('io', READERS, 'confirmed'));
  await seedReaders(ctx, readers('gone', 30, 'unsubscribed', ['ru']));
  // What confirm and unsubscribe mark in the weeks' sets (the counters above are apart from them).
  const current = editionAt(Date.now(), ctx.config.TIMEZONE);
  for (const id of ['w1', 'w2']) await ctx.readerWeeks.mark(back(current, 3), id, 'confirmed', Date.now());
  await ctx.readerWeeks.mark(current, 'w3', 'unsubscribed', Date.now());
  await ctx.readerWeeks.mark(back(current, 12), 'w4', 'confirmed', Date.now());
});

const back = (edition: string, n: number): string => (n === 0 ? edition : back(previousEdition(edition), n - 1));

describe('GET /admin/stats', () => {
  it(`reads the counters and 12 weeks' sets in two BatchGetItems, no Scan and no Query, at ${READERS + 30} readers`, async () => {
    behind.proxy.calls.length = 0;
    const answer = await cli(stack.current.env, 'stats', '--json');
    expect(answer.code, answer.err).toBe(0);
    expect(behind.proxy.calls).toEqual(['BatchGetItem', 'BatchGetItem']);
    const current = editionAt(Date.now(), 'Europe/Minsk');
    const weeks = Array.from({ length: 12 }, (_, i) => back(current, 11 - i));
    expect(JSON.parse(answer.out)).toEqual({
      total: READERS + 30,
      languages: { en: { confirmed: 100 }, be: { confirmed: 100 }, ru: { confirmed: 100, unsubscribed: 30 } },
      // The last 12 weeks, the current one last; the 13th week back is not among them.
      weeks: weeks.map((week, i) => ({
        week,
        confirmed: i === 8 ? 2 : 0,
        unsubscribed: i === 11 ? 1 : 0,
      })),
    });
  });

  it('stats backfill counts nothing twice on a table whose readers are counted already', async () => {
    const answer = await cli(stack.current.env, 'stats', 'backfill');
    expect(answer.code, answer.err).toBe(0);
    expect(answer.out).toBe(`counted 0 readers now, ${READERS + 30} readers counted already`);
    await expect(cli(stack.current.env, 'stats', 'extra')).rejects.toThrow('usage: stats [--json] | stats backfill');
  });
});
