import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type { RepermissionDeps } from '../app/import-list/repermission.ts';
import { runRepermission } from '../app/import-list/repermission-run.ts';
import { createRepermissionDeps } from '../wiring/repermission.ts';

const { deps, log } = await createRepermissionDeps();

/** The scheduler's input: `{}` (nothing to choose: the run takes the steps due now). */
const inputSchema = z.strictObject({});

/**
 * A daily schedule's entry: the re-permission steps due now (the e-mail, the reminder 7 days on, the erasure of the
 * unanswered), in batches while the invocation has time; what is left is the next day's run. A failing step throws
 * (the scheduler retries; a step is taken before its e-mail, so a retry mails no one twice).
 */
export function repermissionHandler(d: RepermissionDeps) {
  return middy<unknown, Record<string, unknown>, Error, Context>()
    .use(injectLambdaContext(log.logger))
    .handler(async (event, context) => {
      inputSchema.parse(event ?? {});
      const run = await runRepermission(d, () => context.getRemainingTimeInMillis());
      log.info('repermission finished', { ...run });
      return { ...run };
    });
}

export const handler = repermissionHandler(deps);
