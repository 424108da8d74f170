import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent, SNSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { applySesEvent, feedbackContext, type MailFeedback } from '../app/ses-events.ts';
import { createSesEventContext } from '../wiring/lambda.ts';

const { deps, log } = await createSesEventContext();

const tags = z.optional(z.record(z.string(), z.array(z.string())));
const sesRecord = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  mail: z.object({ messageId: z.string(), destination: z.array(z.string()), tags }),
  bounce: z.optional(
    z.object({ bounceType: z.string(), bouncedRecipients: z.array(z.object({ emailAddress: z.string() })) }),
  ),
  complaint: z.optional(z.object({ complainedRecipients: z.array(z.object({ emailAddress: z.string() })) })),
});

/** Converts one SES event record (the same JSON under EventBridge `detail` or in an SNS message) to feedback. */
export function toFeedback(raw: unknown): MailFeedback | undefined {
  const parsed = sesRecord.safeParse(raw);
  // Not an SES event record we understand: retrying would not change it, so it is logged and dropped.
  if (!parsed.success) {
    log.warn('ses-events: unrecognised record', { issues: parsed.error.issues.length });
    return undefined;
  }
  const record = parsed.data;
  const type = record.eventType ?? record.notificationType;
  const context = feedbackContext(record.mail.tags);
  if (type === 'Bounce' && record.bounce) {
    const kind = record.bounce.bounceType === 'Permanent' ? 'permanent-bounce' : 'transient-bounce';
    return { kind, recipients: record.bounce.bouncedRecipients.map((r) => r.emailAddress), ...context };
  }
  if (type === 'Complaint' && record.complaint) {
    return {
      kind: 'complaint',
      recipients: record.complaint.complainedRecipients.map((r) => r.emailAddress),
      ...context,
    };
  }
  return undefined;
}

function records(event: EventBridgeEvent<string, unknown> | SNSEvent): unknown[] {
  if ('Records' in event) return event.Records.map((r) => JSON.parse(r.Sns.Message) as unknown);
  return [event.detail];
}

/** SES feedback from an EventBridge rule (or an SNS topic): bounces and complaints change the reader. */
export const handler = middy<EventBridgeEvent<string, unknown> | SNSEvent>()
  .use(injectLambdaContext(log.logger))
  .handler(async (event) => {
    for (const raw of records(event)) {
      const feedback = toFeedback(raw);
      if (feedback) await applySesEvent(deps, feedback);
    }
  });
