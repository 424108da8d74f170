import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRateLimiter } from '../../functions/adapters/dynamo/rate-limiter.ts';
import { ensureTable } from '../../functions/adapters/dynamo/table.ts';
import { type StandIn, startDynalite } from '../../local/stand-ins.ts';

const TABLE_NAME = 'rate-limits';
const WINDOW_S = 10;
let dynamo: StandIn;
let limiter: DynamoRateLimiter;

beforeAll(async () => {
  dynamo = await startDynalite();
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await ensureTable(client, TABLE_NAME);
  limiter = new DynamoRateLimiter(DynamoDBDocumentClient.from(client), TABLE_NAME, 3, WINDOW_S);
});
afterAll(() => dynamo.close());

/** Hits at the given seconds; true where the request was let through. */
async function hits(client: string, seconds: number[]): Promise<boolean[]> {
  const out: boolean[] = [];
  for (const s of seconds) {
    out.push(
      await limiter.hit('subscribe', client, 1_800_000_000_000 + s * 1000).then(
        () => true,
        (e: Error) => {
          if (e.name !== 'TooManyRequestsError') throw e;
          return false;
        },
      ),
    );
  }
  return out;
}

describe('the per-client rate limit (DynamoDB, on dynalite)', () => {
  it('does not let a burst at a window edge through twice', async () => {
    // Three just before the edge use up the budget; just after it, they still count.
    expect(await hits('edge', [9.7, 9.8, 9.9, 10.1, 10.2, 10.3])).toEqual([true, true, true, false, false, false]);
  });

  it('lets a client in again once its burst has slid out of the window', async () => {
    expect(await hits('slides', [0.1, 0.2, 0.3, 5])).toEqual([true, true, true, false]);
    // A whole window later only the second window's one request counts, weighted down.
    expect(await hits('slides', [21, 21.1])).toEqual([true, true]);
  });

  it('counts clients apart', async () => {
    expect(await hits('one', [1, 1, 1, 1])).toEqual([true, true, true, false]);
    expect(await hits('two', [1])).toEqual([true]);
  });
});
