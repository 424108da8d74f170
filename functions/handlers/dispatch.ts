import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { dispatchTakingOver } from '../app/dispatch.ts';
import { isEdition } from '../core/edition.ts';
import { createDispatchContext } from '../wiring/lambda.ts';

const { deps, log } = await createDispatchContext();

const inputSchema = z.object({
  edition: z.optional(z.string().check(z.refine(isEdition, 'edition must be like 2026-W48'))),
});

/**
 * The scheduled entry (EventBridge Scheduler, input `{}` or `{"edition":"2026-W48"}`): starts an edition's send
 * once, taking over from a dispatcher that died once its lease has run out (see `dispatchTakingOver`).
 */
export const handler = middy<unknown>()
  .use(injectLambdaContext(log.logger))
  .handler(async (event, context) => {
    const input = inputSchema.parse(event ?? {});
    const remainingMs = () =>
      typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : 0;
    return dispatchTakingOver(deps, input, { remainingMs });
  });
