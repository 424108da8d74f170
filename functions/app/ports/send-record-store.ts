import type { Language } from '../../core/language.ts';
import type { SendRecord } from '../../core/send.ts';

/** An edition's send record: the guard against a second start and the dispatch checkpoint (DynamoSendRecords). */

export interface SendRecordStore {
  /** Creates the record, or takes over one whose lease ran out; undefined when neither. */
  claim(record: SendRecord, now: number): Promise<SendRecord | undefined>;
  get(edition: string): Promise<SendRecord | undefined>;
  /** Moves one shard's position and adds to the planned count; false when another dispatcher owns the send. */
  checkpoint(
    edition: string,
    owner: string,
    move: { position: string; previous: string | undefined; value: string },
    language: Language,
    added: number,
    leaseUntil: number,
  ): Promise<boolean>;
  /** Marks the edition dispatched; false when another dispatcher owns the send. */
  finish(edition: string, owner: string, now: number): Promise<boolean>;
}
