import { afterAll, beforeAll } from 'vitest';
import { type StandIn, startDynalite } from '../../local/stand-ins.ts';
import { useLocalStack } from './local.ts';
import { type LostAnswerProxy, startLostAnswerProxy } from './lost-answer-proxy.ts';

/**
 * For a test file: a local stack whose DynamoDB calls go through the lost-answer proxy in front of a dynalite of its
 * own: with `writes: 'none'` the proxy only records the calls; otherwise it loses the first answer of each conditional
 * (or every) write. Call it where `useLocalStack` would be called (after `useStoppedClock`).
 */
export function useStackBehindProxy(
  env: Record<string, string> = {},
  options: { writes?: 'conditional' | 'all' | 'none' } = {},
) {
  let dynamo: StandIn | undefined;
  let proxy: LostAnswerProxy | undefined;
  // Registered before the stack's own hook, so the stack finds AWS_ENDPOINT_URL_DYNAMODB set and uses the proxy.
  beforeAll(async () => {
    dynamo = await startDynalite();
    proxy = await startLostAnswerProxy(dynamo.endpoint, options);
    process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.endpoint;
  });
  // Registered before the stack's hooks, so that it runs after them (vitest runs after-hooks in reverse): the stack
  // drains its queues (a delayed completion check may still be due) while the proxy and dynalite still answer. In
  // the other order the check retried against a closed proxy and kept the proxy's close waiting past the hook limit.
  afterAll(async () => {
    await proxy?.close();
    await dynamo?.close();
  });
  const stack = useLocalStack(env);
  return {
    stack,
    get proxy(): LostAnswerProxy {
      if (!proxy) throw new Error('the proxy starts in beforeAll');
      return proxy;
    },
  };
}
