/** What is due for an imported reader asked for re-permission: the e-mail, its one reminder, the erasure. */
export type RepermissionStep = 'mail' | 'remind' | 'erase';

/** One due step (keyed hash and ids only; no address). */
export interface RepermissionEntry {
  readonly subscriberId: string;
  readonly importId: string;
  readonly step: RepermissionStep;
  readonly dueAt: number;
}

/**
 * The re-permission steps by due time (DynamoRepermissionQueue). Each entry is created once and taken once: the
 * take is a conditional claim, so two runs never both act on one entry (an e-mail goes at most once per step), and
 * the run whose claim's answer was lost is still told it took it (test/contract/repermission-queue.test.ts).
 */
export interface RepermissionQueue {
  /** Adds the entry unless it is there already. */
  schedule(entry: RepermissionEntry): Promise<void>;
  /** Entries due at `now`, oldest first, at most `limit`. */
  due(now: number, limit: number): Promise<RepermissionEntry[]>;
  /** Removes the entry; false when another run took it first. */
  take(entry: RepermissionEntry): Promise<boolean>;
}
