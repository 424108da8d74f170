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
  const stack = useLocalStack(env);
  afterAll(async () => {
    await proxy?.close();
    await dynamo?.close();
  });
  return {
    stack,
    get proxy(): LostAnswerProxy {
      if (!proxy) throw new Error('the proxy starts in beforeAll');
      return proxy;
    },
  };
}
