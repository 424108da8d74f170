import { type DynamoDBDocumentClient, GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BackfillStep, CountsBackfill } from '../../app/ports/reader-counts.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { countCell } from '../../core/reader-counts.ts';
import type { Subscription } from '../../core/subscription.ts';
import { isConditionFailure } from './client.ts';
import { type ItemKey, keys } from './keys.ts';
import { DynamoReaderCounts } from './reader-counts.ts';
import { COUNTED, transitionId } from './subscriber-store.ts';

/** Items a step reads: a few hundred conditional writes, well inside the admin function's 29 s. */
const PAGE_ITEMS = 500;

type Facts = Pick<Subscription, 'id' | 'language' | 'status' | 'expiresAt' | 'createdAt' | 'version'> & {
  readonly counted?: number;
};

/**
 * Counts the subscriptions stored before the counters existed, once: one Scan of the table (the only one left, run
 * by hand) and, per uncounted subscription, one conditional update that marks it counted and bumps its version,
 * then its +1 under the transition id of that version. Run again, it finds them counted and adds nothing. A
 * confirmation racing it either saved first (the mark's version condition fails; it re-reads and counts the new
 * state) or finds the version bumped, re-reads and moves the counters itself, as every later change does.
 */
export class DynamoCountsBackfill implements CountsBackfill {
  private readonly counts: DynamoReaderCounts;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly pageItems = PAGE_ITEMS,
  ) {
    this.counts = new DynamoReaderCounts(db, tableName);
  }

  /** Reads one page of the table (from `after`) and counts the uncounted subscriptions on it. */
  async backfillCounts(after?: string): Promise<BackfillStep> {
    const page = await this.db.send(
      new ScanCommand({
        TableName: this.tableName,
        FilterExpression: '#kind = :kind',
        ProjectionExpression: 'id, #language, #status, expiresAt, createdAt, version, #counted',
        ExpressionAttributeNames: {
          '#kind': 'kind',
          '#language': 'language',
          '#status': 'status',
          '#counted': COUNTED,
        },
        ExpressionAttributeValues: { ':kind': 'subscriber' },
        ConsistentRead: true,
        Limit: this.pageItems,
        ...(after ? { ExclusiveStartKey: decodeCursor(after) } : {}),
      }),
    );
    let counted = 0;
    let already = 0;
    for (const facts of (page.Items ?? []) as Facts[]) {
      if (await this.countOne(facts)) counted++;
      else already++;
    }
    const last = page.LastEvaluatedKey;
    return { counted, already, ...(last ? { next: encodeCursor({ pk: String(last.pk), sk: String(last.sk) }) } : {}) };
  }

  /** Marks one subscription counted and adds it; false when it was counted already (or erased meanwhile). */
  private async countOne(start: Facts): Promise<boolean> {
    let facts: Facts | undefined = start;
    while (facts && facts.counted === undefined) {
      const next: number = facts.version + 1;
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.subscriber(facts.id),
            UpdateExpression: 'SET #counted = :next, version = :next',
            ConditionExpression: 'version = :version AND attribute_not_exists(#counted)',
            ExpressionAttributeNames: { '#counted': COUNTED },
            ExpressionAttributeValues: { ':next': next, ':version': facts.version },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const seen: Facts | undefined = await this.read(facts.id);
        // Counted at our version: our mark, its answer lost (or a second run's, the same transition). Else re-read.
        if (seen === undefined || seen.counted !== next || seen.createdAt !== facts.createdAt) {
          facts = seen;
          continue;
        }
      }
      await this.counts.move(facts.id, transitionId({ ...facts, version: next }), { [countCell(facts)]: 1 });
      return true;
    }
    return false;
  }

  private async read(id: string): Promise<Facts | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.subscriber(id), ConsistentRead: true }),
    );
    return out.Item as Facts | undefined;
  }
}

function encodeCursor(key: ItemKey): string {
  return Buffer.from(JSON.stringify([key.pk, key.sk])).toString('base64url');
}

/** The key a cursor names; a cursor that is not one of ours is refused as a bad request. */
function decodeCursor(cursor: string): ItemKey {
  try {
    const [pk, sk] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof pk === 'string' && typeof sk === 'string') return { pk, sk };
  } catch {
    // refused below
  }
  throw new InvalidInputError('invalid_cursor', 'after is not a cursor this backfill answered');
}
