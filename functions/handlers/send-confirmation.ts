import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { sendConfirmation } from '../app/send-confirmation.ts';
import { LANGUAGES } from '../core/language.ts';
import { confirmationDeps } from './confirmations.ts';
import { createSubscriptionContext } from './context.ts';

const deps = confirmationDeps(await createSubscriptionContext());

const requestSchema = z.object({
  requestId: z.string().check(z.regex(/^[0-9a-f-]{36}$/)),
  email: z.string().check(z.maxLength(320)),
  language: z.enum(LANGUAGES),
  ipHash: z.string().check(z.maxLength(64)),
  userAgent: z.string().check(z.maxLength(256)),
  source: z.string().check(z.maxLength(512)),
  textVersion: z.string().check(z.maxLength(64)),
});

/**
 * The confirmation queue's consumer: mails each subscribe request's confirmation; a message whose send failed is
 * reported back (partial batch response) and comes again after the visibility timeout, then lands in the alarmed
 * dead-letter queue.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const outcome = await sendConfirmation(deps, requestSchema.parse(JSON.parse(record.body)));
      deps.log.info('confirmation handled', { messageId: record.messageId, outcome });
    } catch (error) {
      deps.log.error('confirmation failed', { messageId: record.messageId, error: error as Error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
});
