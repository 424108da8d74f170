import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SESEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { MAX_INBOUND_BYTES } from '../adapters/mime-mail.ts';
import { S3MailReader } from '../adapters/s3/mail-reader.ts';
import { authenticatedDomains } from '../adapters/ses-receipt.ts';
import { createInboundContext } from './inbound-processor.ts';

const { config, log, processInbound } = await createInboundContext();
const store = config.INBOUND_BUCKET ? S3MailReader.create(config.INBOUND_BUCKET, MAX_INBOUND_BYTES) : undefined;
if (!store) throw new Error('invalid configuration: INBOUND_BUCKET is missing');

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
      const message = await store.read(`${config.INBOUND_PREFIX}${mail.messageId}`);
      // SES gives the bounce's empty MAIL FROM as an empty source; its SPF and DKIM verdicts decide whether a
      // feedback report may name a reader by Original-Rcpt-To.
      const authenticated = authenticatedDomains({ ...mail, ...receipt });
      const envelope = { recipients: receipt.recipients, sender: mail.source, authenticatedDomains: authenticated };
      const outcome = await processInbound(message, envelope);
      log.info('inbound: message handled', { messageId: mail.messageId, action: outcome.action });
    }
  });
