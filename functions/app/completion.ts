import { SendFailure } from '../core/errors.ts';
import type { CompletionCheck } from '../core/queue-messages.ts';
import { retryDelaySeconds } from '../core/send.ts';
import type { CompletionLease } from './ports/completion-lease.ts';
import type { Log } from './ports/log.ts';
import type { Redelivery } from './ports/redelivery.ts';
import { mailReportWhenComplete, type ReportMailDeps, type ReportMailOutcome } from './report-mail.ts';

/** Dependencies of an edition's end: the lease, the queue the check goes on, and what the report needs. */
export interface CompletionCheckDeps {
  readonly lease: CompletionLease;
  /** The send queue, where the check message goes. */
  readonly queue: { enqueue(check: CompletionCheck, delaySeconds?: number): Promise<void> };
  readonly backlog: Pick<Redelivery, 'waiting'>;
  readonly report: ReportMailDeps;
  /** How long after the queue ran dry the check looks: the batches still in flight settle meanwhile. */
  readonly checkDelaySeconds: number;
  /** How long a lease holds without its check message being seen (longer than the delay and one invocation). */
  readonly leaseMs: number;
  readonly now: () => number;
  readonly log: Log;
}

/** Checks that read every delivery record and found the edition incomplete before the chain gives up. */
export const MAX_INCOMPLETE_READS = 5;

/**
 * After a batch finished with nothing waiting on the queue: the edition may be about to complete. One conditional
 * write decides who puts the one delayed check message on the queue; however many deliverers finish together, the
 * others read nothing. Resolves true when this call queued the check.
 */
export async function scheduleCompletionCheck(deps: CompletionCheckDeps, edition: string): Promise<boolean> {
  if ((await deps.backlog.waiting()) > 0) return false;
  const now = deps.now();
  if (!(await deps.lease.take(edition, now, now + deps.leaseMs))) return false;
  try {
    await deps.queue.enqueue({ edition, check: 'completion' }, deps.checkDelaySeconds);
  } catch (error) {
    await deps.lease.release(edition);
    throw error;
  }
  return true;
}

/** What a check came to: the report's outcome, or put back (`waiting`), or given up. */
export type CheckOutcome = ReportMailOutcome | 'waiting' | 'given-up';

/**
 * The check message: while batches still wait on the queue it comes back later without reading anything; then the
 * edition's delivery records are read once (the exact completion check: the summary is stored, the report mailed in
 * this message's own handling). Found incomplete (a batch backing off, a claim of a consumer that died), it looks
 * again after the delay, at most MAX_INCOMPLETE_READS reads; then the lease is given back, so a batch finishing
 * later (a redriven dead letter) schedules a new check.
 */
export async function checkCompletion(deps: CompletionCheckDeps, check: CompletionCheck): Promise<CheckOutcome> {
  const { edition } = check;
  const reads = check.reads ?? 0;
  if ((await deps.backlog.waiting()) > 0) return again(deps, edition, reads);
  let outcome: ReportMailOutcome;
  try {
    outcome = await mailReportWhenComplete(deps.report, edition);
  } catch (error) {
    // SES refuses the report for now (its 24-hour quota spent, throttled, paused): the check comes back later,
    // its count of reads unchanged, instead of failing into the dead-letter queue.
    if (!(error instanceof SendFailure) || !['quota', 'throttled', 'blocked'].includes(error.kind)) throw error;
    deps.log.warn('completion: the report e-mail waits for SES', { edition, kind: error.kind });
    return again(
      deps,
      edition,
      reads,
      error.kind === 'quota' ? retryDelaySeconds('quota', 0, Math.random()) : undefined,
    );
  }
  if (outcome !== 'incomplete') return outcome;
  if (reads + 1 < MAX_INCOMPLETE_READS) return again(deps, edition, reads + 1);
  deps.log.error('completion: the edition stays incomplete; check given up', { edition, reads: reads + 1 });
  await deps.lease.release(edition);
  return 'given-up';
}

async function again(
  deps: CompletionCheckDeps,
  edition: string,
  reads: number,
  delaySeconds = deps.checkDelaySeconds,
): Promise<'waiting'> {
  // The chain holds the lease on: no second chain starts while this one is alive.
  await deps.lease.extend(edition, deps.now() + deps.leaseMs + delaySeconds * 1000);
  await deps.queue.enqueue({ edition, check: 'completion', reads }, delaySeconds);
  return 'waiting';
}
