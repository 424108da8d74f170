import type { ReaderWelcome, ReaderWelcomes } from '../../../functions/app/ports/reader-welcomes.ts';
import type { WelcomeLedger } from '../../../functions/app/ports/welcome-ledger.ts';

/** Welcome records in a Map keyed by reader and confirmation, with DynamoWelcomes' claim rule. */
export class MemoryWelcomeLedger implements WelcomeLedger, ReaderWelcomes {
  readonly records = new Map<string, Map<number, ReaderWelcome>>();

  /** Claims a new welcome, or one whose claim went stale. */
  async claim(subscriberId: string, confirmedAt: number, now: number, staleBefore: number): Promise<boolean> {
    const mine = this.records.get(subscriberId) ?? new Map<number, ReaderWelcome>();
    const found = mine.get(confirmedAt);
    if (found && !(found.status === 'sending' && found.claimedAt < staleBefore)) return false;
    mine.set(confirmedAt, { confirmedAt, status: 'sending', claimedAt: now });
    this.records.set(subscriberId, mine);
    return true;
  }

  /** Marks the welcome sent. */
  async settle(subscriberId: string, confirmedAt: number, messageId: string, now: number): Promise<void> {
    const found = this.records.get(subscriberId)?.get(confirmedAt);
    if (found) this.records.get(subscriberId)?.set(confirmedAt, { ...found, status: 'sent', messageId, sentAt: now });
  }

  /** Removes an unsent claim. */
  async release(subscriberId: string, confirmedAt: number): Promise<void> {
    if (this.records.get(subscriberId)?.get(confirmedAt)?.status === 'sending')
      this.records.get(subscriberId)?.delete(confirmedAt);
  }

  /** The reader's welcomes, oldest first. */
  async ofReader(subscriberId: string): Promise<ReaderWelcome[]> {
    return [...(this.records.get(subscriberId)?.values() ?? [])].sort((a, b) => a.confirmedAt - b.confirmedAt);
  }

  /** Forgets the reader's welcomes. */
  async eraseReader(subscriberId: string): Promise<void> {
    this.records.delete(subscriberId);
  }
}
