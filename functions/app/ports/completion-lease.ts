/**
 * One edition's completion check at a time (DynamoCompletionLease): whoever takes the lease puts the one delayed
 * check message on the queue; everyone else finishing at the same moment does nothing.
 */
export interface CompletionLease {
  /** Takes the lease until `until` unless another holds it past `now`; true when taken by this call. */
  take(edition: string, now: number, until: number): Promise<boolean>;
  /** Holds the lease on until `until` (the check chain, alive, keeps it). */
  extend(edition: string, until: number): Promise<void>;
  /** Gives the lease back (the check could not be queued, or it gave up). */
  release(edition: string): Promise<void>;
}
