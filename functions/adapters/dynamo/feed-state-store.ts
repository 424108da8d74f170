import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedPullRecord, FeedState, FeedStateStore } from '../../app/ports/feed-state-store.ts';
import { keys } from './keys.ts';

/**
 * Two items per feed URL: `FEED#<hash of the URL>` / `STATE`, with its validators and the hash of its last body,
 * and `PULL`, the record of its last pull (failed and not-modified ones included), so a failure keeps the validators.
 */
export class DynamoFeedStateStore implements FeedStateStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private static key(url: string) {
    return keys.feedState(createHash('sha256').update(url).digest('hex').slice(0, 32));
  }

  private async read(key: { pk: string; sk: string }) {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, kind: _kind, url: _url, ...rest } = out.Item;
    return rest;
  }

  /** The state of the last successful pull of `url`. */
  async get(url: string): Promise<FeedState | undefined> {
    const state = await this.read(DynamoFeedStateStore.key(url));
    return state ? ({ url, ...state } as FeedState) : undefined;
  }

  /** The record of the last pull of `url`. */
  async lastPull(url: string): Promise<FeedPullRecord | undefined> {
    return (await this.read({ ...DynamoFeedStateStore.key(url), sk: 'PULL' })) as FeedPullRecord | undefined;
  }

  /** Replaces the record of the last pull of `url`. */
  async recordPull(url: string, record: FeedPullRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...DynamoFeedStateStore.key(url), sk: 'PULL', kind: 'feed-pull', url, ...record },
      }),
    );
  }

  /** Replaces the state of `state.url`. */
  async put(state: FeedState): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...DynamoFeedStateStore.key(state.url), kind: 'feed-state', ...state },
      }),
    );
  }
}
