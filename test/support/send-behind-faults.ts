import { afterAll, beforeAll, expect } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import type { LocalStack } from '../../local/stack.ts';
import { cli, fixtureEdition } from './cli.ts';
import { useLocalStack } from './local.ts';
import { type SeedReader, seedReaders } from './seed.ts';
import { type Fault, type FaultProxy, startFaultProxy } from './ses-fault-proxy.ts';

/**
 * For a test file: a local stack sending in batches of `batchSize`, with `readers` seeded and the fixture edition
 * `edition` imported, and a fault proxy in front of its SES stand-in that decides each SendEmail call by its number
 * (1, 2...); every other SES call passes. `calls()` tells how many SendEmail calls the proxy saw.
 */
export function useSendBehindFaults(
  options: { readers: readonly SeedReader[]; edition: string; batchSize: number },
  fault: (call: number) => Fault,
) {
  let proxy: FaultProxy | undefined;
  let calls = 0;
  // Registered before the stack's hooks so that it runs after them (after-hooks run in reverse): the stack drains
  // its queues while the proxy still answers.
  afterAll(async () => {
    await proxy?.close();
  });
  const stack = useLocalStack({ BATCH_SIZE: String(options.batchSize) });
  beforeAll(async () => {
    await seedReaders(await createSendContext(stack.current.env), [...options.readers]);
    expect((await cli(stack.current.env, 'import', fixtureEdition(options.edition))).code).toBe(0);
    proxy = await startFaultProxy(stack.current.sesUrl, (path) =>
      path.endsWith('/outbound-emails') ? fault(++calls) : 'pass',
    );
  });
  return {
    stack,
    calls: () => calls,
    get proxy(): FaultProxy {
      if (!proxy) throw new Error('the fault proxy starts in beforeAll');
      return proxy;
    },
  };
}

/** The edition's report as `status --json` prints it, the counts named in `keys` added up over its languages. */
export async function reportTotals<K extends string>(
  stack: LocalStack,
  edition: string,
  keys: readonly K[],
): Promise<Record<K, number>> {
  const report = JSON.parse((await cli(stack.env, 'status', '--edition', edition, '--json')).out) as {
    languages: Record<string, Record<K, number>>;
  };
  const total = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const l of Object.values(report.languages)) for (const k of keys) total[k] += l[k];
  return total;
}
