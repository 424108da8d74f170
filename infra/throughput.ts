/**
 * How many deliverer invocations may run at once. Each invocation sends its batch's recipients one after another,
 * one SES `SendEmail` call (plus one conditional DynamoDB write) at a time, which takes about
 * `SECONDS_PER_SEND`. One invocation therefore sends about 1 / SECONDS_PER_SEND e-mails per second, and reaching the
 * account's rate R needs
 *
 *     concurrency = ceil(R × SECONDS_PER_SEND), at least 2 (the SQS event source's minimum), at most 1000.
 *
 * Rounding up slightly overshoots R; the deliverer handles SES throttling by backing off (changing the message's
 * visibility), so the overshoot costs retries, not lost e-mails.
 */
export const SECONDS_PER_SEND = 0.1;

/** The SQS event source's maximum concurrency for a given SES maximum send rate (e-mails per second). */
export function deliverConcurrency(sesMaxSendRate: number): number {
  return Math.min(1000, Math.max(2, Math.ceil(sesMaxSendRate * SECONDS_PER_SEND)));
}
