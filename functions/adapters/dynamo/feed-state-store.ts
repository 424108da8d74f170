import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedState, FeedStateStore } from '../../app/ports/feed-state-store.ts';
import { keys } from './keys.ts';

/** One item per feed URL: `FEED#<hash of the URL>` / `STATE`, with its validators and the hash of its last body. */
export class DynamoFeedStateStore implements FeedStateStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private static key(url: string) {
    return keys.feedState(createHash('sha256').update(url).digest('hex').slice(0, 32));
  }

  /** The state of the last successful pull of `url`. */
  async get(url: string): Promise<FeedState | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: DynamoFeedStateStore.key(url) }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, kind: _kind, ...state } = out.Item;
    return state as FeedState;
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
