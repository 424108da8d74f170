import { type RepermissionDeps, type RepermissionRun, repermissionStep } from './repermission.ts';

/** Steps taken per batch: each batch is one Query of the due entries and, per entry, a read, writes and an e-mail. */
export const REPERMISSION_BATCH = 25;
/** A batch is started only while at least this much of the invocation is left (25 e-mails, paced, and their writes). */
export const REPERMISSION_BATCH_BUDGET_MS = 60_000;

/** What a scheduled run did, and whether it stopped with steps still due (the next run goes on with them). */
export interface RepermissionSchedule extends RepermissionRun {
  readonly batches: number;
  readonly more: boolean;
}

/**
 * The scheduled run of the re-permission steps: batches of REPERMISSION_BATCH while the invocation has
 * REPERMISSION_BATCH_BUDGET_MS left, until a batch finds fewer steps than it may take (none due is left). A run cut
 * short by the time says `more`; the steps still due are the next run's (they keep their due time and order).
 */
export async function runRepermission(
  deps: RepermissionDeps,
  remainingMs: () => number,
  batch = REPERMISSION_BATCH,
): Promise<RepermissionSchedule> {
  const total = { mailed: 0, reminded: 0, erased: 0, dropped: 0 };
  let batches = 0;
  for (;;) {
    if (remainingMs() < REPERMISSION_BATCH_BUDGET_MS) return { ...total, batches, more: true };
    const run = await repermissionStep(deps, batch);
    batches++;
    total.mailed += run.mailed;
    total.reminded += run.reminded;
    total.erased += run.erased;
    total.dropped += run.dropped;
    if (run.mailed + run.reminded + run.erased + run.dropped < batch) return { ...total, batches, more: false };
  }
}
