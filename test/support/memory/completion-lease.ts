import type { CompletionLease } from '../../../functions/app/ports/completion-lease.ts';

/** Completion-check leases in a Map (edition → held until), with the DynamoDB adapter's expiry rule. */
export class MemoryCompletionLease implements CompletionLease {
  readonly leases = new Map<string, number>();

  /** Takes the lease unless another holds it at `now` (a lease held until `now` itself still holds). */
  async take(edition: string, now: number, until: number): Promise<boolean> {
    const heldUntil = this.leases.get(edition);
    if (heldUntil !== undefined && heldUntil >= now) return false;
    this.leases.set(edition, until);
    return true;
  }

  /** Moves the lease's end. */
  async extend(edition: string, until: number): Promise<void> {
    this.leases.set(edition, until);
  }

  /** Gives the lease back. */
  async release(edition: string): Promise<void> {
    this.leases.delete(edition);
  }
}
