import middy from '@middy/core';
import * as z from 'zod/mini';
import { SqsQueue } from '../adapters/sqs-queue.ts';
import { dispatch } from '../app/dispatch.ts';
import { isEdition } from '../core/edition.ts';
import { createSendContext } from './context.ts';

const ctx = await createSendContext();
if (!ctx.config.QUEUE_URL) throw new Error('invalid configuration: QUEUE_URL is required by the dispatcher');
const queue = SqsQueue.create(ctx.config.QUEUE_URL);

const inputSchema = z.object({
  edition: z.optional(z.string().check(z.refine(isEdition, 'edition must be like 2026-W48'))),
});

const deps = ctx.dispatchDeps(queue);
// Time kept back for one more page and its checkpoint before the invocation's end.
const RESERVE_MS = 60_000;

/**
 * The scheduled entry (EventBridge Scheduler, input `{}` or `{"edition":"2026-W48"}`): starts an edition's send
 * once. When another dispatcher holds the edition's lease it waits for the lease to run out and tries again, so a
 * dispatcher that died is taken over here instead of depending on Lambda's few asynchronous retries; if the time
 * left is too short it fails, and the next retry (or the invocation dead-letter queue and its alarm) follows.
 */
export const handler = middy<unknown>().handler(async (event, context) => {
  const input = inputSchema.parse(event ?? {});
  const remaining = () =>
    typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : 0;
  for (;;) {
    const result = await dispatch(deps, input);
    ctx.log.info('dispatch finished', { ...result });
    // Another dispatcher took over this edition and goes on with it.
    if (result.status !== 'in-progress') return result;
    const record = await ctx.sends.get(result.edition);
    const wait = Math.max(1_000, (record?.leaseUntil ?? 0) - Date.now() + 1_000);
    if (remaining() - wait < RESERVE_MS)
      throw new Error(`dispatch of ${result.edition} is held by another; retrying later`);
    await new Promise((r) => setTimeout(r, wait));
  }
});
