import type { SendRecordStore } from '../../../functions/app/ports/send-record-store.ts';
import type { Language } from '../../../functions/core/language.ts';
import type { SendRecord } from '../../../functions/core/send.ts';

/** Send records in a Map, with the same lease, owner and checkpoint conditions as the DynamoDB adapter. */
export class MemorySendRecordStore implements SendRecordStore {
  readonly items = new Map<string, SendRecord & { dispatchedAt?: number }>();

  /** Creates the record, or takes over one whose lease ran out. */
  async claim(record: SendRecord, now: number): Promise<SendRecord | undefined> {
    const current = this.items.get(record.edition);
    if (!current) {
      this.items.set(record.edition, structuredClone(record));
      return structuredClone(record);
    }
    if (current.status !== 'dispatching' || current.leaseUntil >= now) return undefined;
    const taken = { ...current, owner: record.owner, leaseUntil: record.leaseUntil };
    this.items.set(record.edition, taken);
    return structuredClone(taken);
  }

  /** The edition's record. */
  async get(edition: string): Promise<SendRecord | undefined> {
    const record = this.items.get(edition);
    return record ? structuredClone(record) : undefined;
  }

  /** Moves a position from `previous` to `value` for its owner; a repeat of the same move is a success. */
  async checkpoint(
    edition: string,
    owner: string,
    move: { position: string; previous: string | undefined; value: string },
    language: Language,
    added: number,
    leaseUntil: number,
  ): Promise<boolean> {
    const current = this.items.get(edition);
    if (!current || current.owner !== owner) return false;
    const at = current.checkpoint[move.position];
    if (at !== move.previous) return at === move.value;
    this.items.set(edition, {
      ...current,
      leaseUntil,
      checkpoint: { ...current.checkpoint, [move.position]: move.value },
      planned: { ...current.planned, [language]: (current.planned[language] ?? 0) + added },
    });
    return true;
  }

  /** Marks the edition dispatched for its owner. */
  async finish(edition: string, owner: string, now: number): Promise<boolean> {
    const current = this.items.get(edition);
    if (!current || current.owner !== owner) return false;
    this.items.set(edition, { ...current, status: 'dispatched', dispatchedAt: now });
    return true;
  }
}
