import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SubscriberFacts, SubscriberScan } from '../../app/ports/subscriber-scan.ts';
import { pagesOf } from './pager.ts';

/** Reads every subscription's language, status and its dates, nothing else (no address leaves the table). */
export class DynamoSubscriberScan implements SubscriberScan {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Pages through the table's subscriptions, projecting only what the statistics count. */
  async *facts(): AsyncGenerator<SubscriberFacts[]> {
    const pages = pagesOf((start) =>
      this.db.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: '#kind = :kind',
          ProjectionExpression: '#language, #status, expiresAt, confirmedAt, unsubscribedAt',
          ExpressionAttributeNames: { '#kind': 'kind', '#language': 'language', '#status': 'status' },
          ExpressionAttributeValues: { ':kind': 'subscriber' },
          ExclusiveStartKey: start,
        }),
      ),
    );
    for await (const page of pages) yield page as SubscriberFacts[];
  }
}
