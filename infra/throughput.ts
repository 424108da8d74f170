/**
 * How many deliverer invocations may run at once. Each invocation sends its batch's recipients one after another,
 * one SES `SendEmail` call (plus two DynamoDB writes) at a time, which takes about `SECONDS_PER_SEND`; each is
 * paced to R / concurrency e-mails a second (`deliverSendRate`, a token bucket in the deliverer), so that together
 * they send at the account's rate R and are not throttled. To keep that pace while a send now and then takes longer,
 * every invocation needs slack, so
 *
 *     concurrency = ceil(R × SECONDS_PER_SEND × HEADROOM), at least 2 (the SQS event source's minimum), at most 1000.
 *
 * Without the pacing an invocation sends as fast as SES answers, overshoots R and is throttled, and a throttled
 * batch waits for its back-off (measured at R = 50 on the local stand-in: 0.65 of R achieved, 4.5 % of the calls
 * throttled; paced: 0.94 of R, none throttled). More concurrency than needed cannot overshoot while paced.
 */
export const SECONDS_PER_SEND = 0.1;

/** Slack over the bare need: an invocation may take 1.5 × SECONDS_PER_SEND a send and still keep its pace. */
export const HEADROOM = 1.5;

/** The SQS event source's maximum concurrency for a given SES maximum send rate (e-mails per second). */
export function deliverConcurrency(sesMaxSendRate: number): number {
  return Math.min(1000, Math.max(2, Math.ceil(sesMaxSendRate * SECONDS_PER_SEND * HEADROOM)));
}

/** E-mails a second each deliverer invocation is paced to, so that all of them together send at the account's rate. */
export function deliverSendRate(sesMaxSendRate: number): number {
  return sesMaxSendRate / deliverConcurrency(sesMaxSendRate);
}
