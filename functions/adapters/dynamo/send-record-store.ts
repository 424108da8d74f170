import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SendRecordStore } from '../../app/ports/send-record-store.ts';
import type { Language } from '../../core/language.ts';
import type { SendRecord } from '../../core/send.ts';
import { allOf, type Condition, putIf, updateIf, withoutKeys } from './conditional-write.ts';
import { keys } from './keys.ts';

const LEASE_FREE = '#status = :dispatching AND leaseUntil < :now';
const owned = (owner: string): Condition => ({
  expression: '#owner = :owner',
  names: { '#owner': 'owner' },
  values: { ':owner': owner },
});

/** One send record per edition: created once (the guard against a second start), then the dispatch checkpoint. */
export class DynamoSendRecordStore implements SendRecordStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Creates the send record, or takes over one whose dispatcher died (lease expired); undefined when neither. A write
   * whose answer was lost is recognised as this claim's by its attempt id.
   */
  async claim(record: SendRecord, now: number): Promise<SendRecord | undefined> {
    const created = await putIf(this.db, this.tableName, { ...keys.send(record.edition), ...record });
    if (created.written) return record;
    // The same owner again (a retried invocation keeps its request id): its own record.
    if (created.current?.owner === record.owner) return toRecord(created.current);
    const takeOver = {
      set: ['#owner = :owner', 'leaseUntil = :lease'],
      names: { '#owner': 'owner' },
      values: { ':owner': record.owner, ':lease': record.leaseUntil },
    };
    const free: Condition = {
      expression: LEASE_FREE,
      names: { '#status': 'status' },
      values: { ':dispatching': 'dispatching', ':now': now },
    };
    const outcome = await updateIf(this.db, this.tableName, keys.send(record.edition), takeOver, free);
    if (outcome.written) return toRecord(outcome.item);
    return outcome.current?.owner === record.owner ? toRecord(outcome.current) : undefined;
  }

  /** Reads an edition's send record (strongly consistent). */
  async get(edition: string): Promise<SendRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.send(edition), ConsistentRead: true }),
    );
    return out.Item ? toRecord(out.Item) : undefined;
  }

  /**
   * Records progress after a batch was queued: the shard's position moves from `previous` to `value` and the
   * language's planned count grows. Conditional on both the owner and the previous position, so an SDK retry of a
   * write that already succeeded cannot count a batch twice. False when another dispatcher owns the send now.
   */
  async checkpoint(
    edition: string,
    owner: string,
    move: { position: string; previous: string | undefined; value: string },
    language: Language,
    added: number,
    leaseUntil: number,
  ): Promise<boolean> {
    const { position, previous, value } = move;
    const at: Condition = {
      expression: previous === undefined ? 'attribute_not_exists(checkpoint.#pos)' : 'checkpoint.#pos = :prev',
      names: { '#pos': position },
      ...(previous === undefined ? {} : { values: { ':prev': previous } }),
    };
    const progress = {
      set: ['checkpoint.#pos = :value', 'leaseUntil = :lease'],
      add: ['planned.#lang :n'],
      names: { '#lang': language },
      values: { ':value': value, ':lease': leaseUntil, ':n': added },
    };
    const outcome = await updateIf(this.db, this.tableName, keys.send(edition), progress, allOf(owned(owner), at));
    if (outcome.written) return true;
    // Refused: another dispatcher took over, or this very move was made before (a repeated call).
    const current = outcome.current as { owner?: string; checkpoint?: Record<string, string> } | undefined;
    return current?.owner === owner && current.checkpoint?.[position] === value;
  }

  /** Marks the whole edition dispatched; false when another dispatcher owns it now. */
  async finish(edition: string, owner: string, now: number): Promise<boolean> {
    const done = {
      set: ['#status = :done', 'dispatchedAt = :now'],
      names: { '#status': 'status' },
      values: { ':done': 'dispatched', ':now': now },
    };
    return (await updateIf(this.db, this.tableName, keys.send(edition), done, owned(owner))).written;
  }
}

function toRecord(item: Record<string, unknown>): SendRecord {
  return withoutKeys(item) as unknown as SendRecord;
}
