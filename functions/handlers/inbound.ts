import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SESEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { createReceivingContext } from '../wiring/inbound.ts';

const { log, receive } = await createReceivingContext();

const verdict = z.optional(z.object({ status: z.string() }));
const receiptRecord = z.object({
  eventSource: z.literal('aws:ses'),
  ses: z.object({
    mail: z.object({
      messageId: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/)),
      source: z.string(),
      headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
    }),
    receipt: z.object({
      recipients: z.array(z.string()).check(z.minLength(1), z.maxLength(100)),
      spfVerdict: verdict,
      dkimVerdict: verdict,
    }),
  }),
});

/**
 * SES receiving's Lambda action (asynchronous, after the S3 action stored the message under INBOUND_PREFIX +
 * message id): reads the message and hands it to the shared processor with SES's SPF/DKIM verdicts. A record that is not an SES receipt is
 * logged and dropped (a retry would not change it); a storage or table error fails the invocation, which Lambda
 * retries and then puts in the dead-letter queue.
 */
export const handler = middy<SESEvent>()
  .use(injectLambdaContext(log.logger))
  .handler(async (event) => {
    for (const raw of event.Records ?? []) {
      const parsed = receiptRecord.safeParse(raw);
      if (!parsed.success) {
        log.warn('inbound: not an SES receipt record', { issues: parsed.error.issues.length });
        continue;
      }
      const { mail, receipt } = parsed.data.ses;
      const outcome = await receive({ ...mail, ...receipt });
      log.info('inbound: message handled', { messageId: mail.messageId, action: outcome.action });
    }
  });
