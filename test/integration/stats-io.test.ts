import { beforeAll, describe, expect, it } from 'vitest';
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
});

describe('GET /admin/stats', () => {
  it(`reads the counters in one BatchGetItem, no Scan and no Query, at ${READERS + 30} readers`, async () => {
    behind.proxy.calls.length = 0;
    const answer = await cli(stack.current.env, 'stats', '--json');
    expect(answer.code, answer.err).toBe(0);
    expect(behind.proxy.calls).toEqual(['BatchGetItem']);
    expect(JSON.parse(answer.out)).toEqual({
      total: READERS + 30,
      languages: { en: { confirmed: 100 }, be: { confirmed: 100 }, ru: { confirmed: 100, unsubscribed: 30 } },
    });
  });

  it('stats backfill counts nothing twice on a table whose readers are counted already', async () => {
    const answer = await cli(stack.current.env, 'stats', 'backfill');
    expect(answer.code, answer.err).toBe(0);
    expect(answer.out).toBe(`counted 0 readers now, ${READERS + 30} readers counted already`);
    await expect(cli(stack.current.env, 'stats', 'extra')).rejects.toThrow('usage: stats [--json] | stats backfill');
  });
});
