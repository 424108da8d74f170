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

/** The scheduled entry (EventBridge Scheduler, input `{}` or `{"edition":"2026-W48"}`): starts an edition's send once. */
export const handler = middy<unknown>().handler(async (event) => {
  const input = inputSchema.parse(event ?? {});
  const result = await dispatch(
    {
      commentaries: ctx.commentaries,
      recipients: ctx.subscribers,
      sends: ctx.sends,
      queue,
      settings: ctx.settings,
      now: Date.now,
      log: ctx.log,
    },
    input,
  );
  ctx.log.info('dispatch finished', { ...result });
  // Another dispatcher holds (or held, and died with) this edition's lease: fail, so the schedule's retry comes back
  // and either finds the edition dispatched or takes over once the lease has run out.
  if (result.status === 'lost-lease' || result.status === 'in-progress') {
    throw new Error(`dispatch of ${result.edition}: ${result.status}; retrying later`);
  }
  return result;
});
