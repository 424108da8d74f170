import type { CompletionCheck, DeliveryBatch, SendMessage } from '../core/queue-messages.ts';
import { retryDelaySeconds } from '../core/send.ts';
import { type CheckOutcome, type CompletionCheckDeps, checkCompletion, scheduleCompletionCheck } from './completion.ts';
import { type BatchOutcome, type DeliverDeps, deliverBatch } from './deliver.ts';
import type { CountMetrics } from './ports/count-metrics.ts';
import type { Log } from './ports/log.ts';
import type { Redelivery } from './ports/redelivery.ts';

/** The send pipeline's dependencies: deliver's, the queue's redelivery, the edition's end, metrics. */
export interface SendPipelineDeps {
  readonly deliver: DeliverDeps;
  readonly redelivery: Redelivery;
  readonly completion: CompletionCheckDeps;
  readonly metrics: CountMetrics;
  readonly log: Log;
  readonly random: () => number;
}

/** One received message: its id (for the log), how often it was received, its receipt, the time its consumer has left. */
export interface Received {
  readonly messageId: string;
  readonly receiveCount: number;
  readonly receipt: string;
  readonly remainingMs?: number;
}

/** Time a batch keeps for its last SES call and settle write; the rest comes back. */
export const SAFETY_MS = 15_000;
/** Time a completion check needs (one read of the edition's records, the report): less, and it comes back at once. */
export const CHECK_BUDGET_MS = 30_000;

/** What one message came to: `retry` when the queue gives it back later (its delay already set); a batch's figures. */
export interface MessageOutcome {
  readonly retry: boolean;
  readonly batch?: BatchOutcome;
}

/**
 * The per-message policy of delivery, the same on Lambda and in the local runner: a batch is delivered until its
 * deadline; when it must come back the queue redelivers it after core's back-off (its delay set here); once it is
 * done and nothing waits on the queue, the edition's completion check is scheduled (once, however many finish
 * together). A completion check message reads the edition's records once and mails the report. Throws when the
 * message must come back after the queue's visibility timeout (an unexpected error).
 */
export async function handleSendMessage(
  deps: SendPipelineDeps,
  message: SendMessage,
  received: Received,
): Promise<MessageOutcome> {
  if ('check' in message) return handleCheck(deps, message, received);
  const { now } = deps.deliver;
  const options = received.remainingMs === undefined ? {} : { deadline: now() + received.remainingMs - SAFETY_MS };
  const outcome = await deliverBatch(deps.deliver, message, options).catch((error: unknown) => {
    deps.log.error('deliver: batch failed', {
      messageId: received.messageId,
      edition: message.edition,
      error: error as Error,
    });
    throw error;
  });
  deps.log.info('deliver: batch done', { messageId: received.messageId, edition: message.edition, ...outcome });
  count(deps, message, outcome);
  if (outcome.retry) {
    await deps.redelivery.retryLater(
      received.receipt,
      retryDelaySeconds(outcome.retry, received.receiveCount, deps.random()),
    );
    return { retry: true, batch: outcome };
  }
  // The edition's end never fails the batch: a check not scheduled now is scheduled by the next batch finished.
  await scheduleCompletionCheck(deps.completion, message.edition).catch((error: unknown) =>
    deps.log.error('deliver: completion check not scheduled', { edition: message.edition, error: error as Error }),
  );
  return { retry: false, batch: outcome };
}

async function handleCheck(
  deps: SendPipelineDeps,
  check: CompletionCheck,
  received: Received,
): Promise<MessageOutcome> {
  if (received.remainingMs !== undefined && received.remainingMs < CHECK_BUDGET_MS) {
    await deps.redelivery.retryLater(received.receipt, 1);
    return { retry: true };
  }
  const outcome: CheckOutcome = await checkCompletion(deps.completion, check);
  deps.log.info('deliver: completion check', { messageId: received.messageId, edition: check.edition, outcome });
  return { retry: false };
}

function count(deps: SendPipelineDeps, batch: DeliveryBatch, outcome: BatchOutcome): void {
  const where = { edition: batch.edition, language: batch.language };
  for (const name of ['sent', 'failed', 'skipped'] as const) deps.metrics.count(name, outcome[name], where);
  if (outcome.retry === 'throttled') deps.metrics.count('throttled', 1, where);
}
