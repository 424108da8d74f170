import { DELIVER_TIMEOUT } from './functions.ts';

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

/** Recipients per send-queue message when the rate allows (dispatch's BATCH_SIZE, set by the stack). */
export const RECIPIENTS_PER_MESSAGE = 50;

/**
 * How long before its timeout the deliverer stops claiming recipients (the deliverer's SAFETY_MS): one more SES call
 * and its settle write must still fit. Keep the two equal.
 */
export const DELIVER_SAFETY_SECONDS = 15;

/** The part of one deliverer invocation that sends: its timeout less the safety margin. */
export const DELIVER_BUDGET_SECONDS = DELIVER_TIMEOUT.toSeconds() - DELIVER_SAFETY_SECONDS;

/** The SQS event source's largest batch without a batching window. */
const MAX_MESSAGES_PER_INVOCATION = 10;

/**
 * Recipients per queue message: RECIPIENTS_PER_MESSAGE, fewer when even one message of that size would not fit the
 * budget at the invocation's paced rate (the SES sandbox's 1 e-mail a second: 22 a message instead of 50).
 */
export function recipientsPerMessage(sesMaxSendRate: number): number {
  const fit = Math.floor(DELIVER_BUDGET_SECONDS * deliverSendRate(sesMaxSendRate));
  return Math.max(1, Math.min(RECIPIENTS_PER_MESSAGE, fit));
}

/**
 * Messages per deliverer invocation: as many as it sends within its budget at its paced rate, so none is put back
 * unsent because time ran out (5 messages at 14/s were 250 e-mails for 45 s at 4.67/s: about 16 % back each time).
 */
export function deliverBatchSize(sesMaxSendRate: number): number {
  const perMessage = recipientsPerMessage(sesMaxSendRate);
  const fit = Math.floor((DELIVER_BUDGET_SECONDS * deliverSendRate(sesMaxSendRate)) / perMessage);
  return Math.max(1, Math.min(MAX_MESSAGES_PER_INVOCATION, fit));
}
