import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCommentaryStore } from '../../functions/adapters/dynamo/commentary-store.ts';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo/delivery-store.ts';
import { DynamoFeedbackSets } from '../../functions/adapters/dynamo/feedback-sets.ts';
import { DynamoRateLimiter } from '../../functions/adapters/dynamo/rate-limiter.ts';
import { DynamoReportMarks } from '../../functions/adapters/dynamo/report-marks.ts';
import { DynamoSendRecordStore } from '../../functions/adapters/dynamo/send-record-store.ts';
import { DynamoSubscriberStore } from '../../functions/adapters/dynamo/subscriber-store.ts';
import { DynamoSummaryStore } from '../../functions/adapters/dynamo/summary-store.ts';
import { ensureTable } from '../../functions/adapters/dynamo/table.ts';
import { DynamoWelcomeLedger } from '../../functions/adapters/dynamo/welcome-ledger.ts';
import type { Commentary } from '../../functions/core/commentary.ts';
import { TooManyRequestsError } from '../../functions/core/errors.ts';
import { type StandIn, startDynalite } from '../../local/stand-ins.ts';
import { claimOf, settled } from '../support/deliveries.ts';
import { type LostAnswerProxy, startLostAnswerProxy } from '../support/lost-answer-proxy.ts';
import { aSubscription } from '../support/subscriptions.ts';

const T = 1_764_000_000_000;
const TABLE = 'lost-answers';
let dynamo: StandIn;
let proxy: LostAnswerProxy;
let allWrites: LostAnswerProxy;
let db: DynamoDBDocumentClient;

const clientOf = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

beforeAll(async () => {
  dynamo = await startDynalite();
  proxy = await startLostAnswerProxy(dynamo.endpoint);
  allWrites = await startLostAnswerProxy(dynamo.endpoint, { writes: 'all' });
  const client = clientOf(proxy.endpoint);
  await ensureTable(client, TABLE);
  db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
});

afterAll(async () => {
  await proxy?.close();
  await allWrites?.close();
  await dynamo?.close();
});

describe('a conditional write whose answer was lost (applied, then the connection dropped, then the SDK retried)', () => {
  it('is its own success when it saved a subscription, new or updated', async () => {
    const store = new DynamoSubscriberStore(db, TABLE, 4);
    const before = proxy.dropped.PutItem ?? 0;
    const created = await store.save(aSubscription({ status: 'pending' }));
    expect(created.version).toBe(1);
    const confirmed = await store.save({ ...created, status: 'confirmed' });
    expect(confirmed.version).toBe(2);
    expect(await store.get(created.id)).toMatchObject({ status: 'confirmed', version: 2 });
    expect((proxy.dropped.PutItem ?? 0) - before).toBe(2);
  });

  it('counts a client request once in the rate limit', async () => {
    const limited = DynamoDBDocumentClient.from(clientOf(allWrites.endpoint));
    const limiter = new DynamoRateLimiter(limited, TABLE, 3, 600);
    const before = allWrites.dropped.UpdateItem ?? 0;
    for (let i = 0; i < 3; i++) await limiter.hit('subscribe', 'lost-client', T + i);
    await expect(limiter.hit('subscribe', 'lost-client', T + 3)).rejects.toBeInstanceOf(TooManyRequestsError);
    expect((allWrites.dropped.UpdateItem ?? 0) - before).toBe(4);
  });

  it('still claims the delivery for the consumer that made it, on the reader, and counts one attempt', async () => {
    const deliveries = new DynamoDeliveryStore(db, TABLE, 4);
    await new DynamoSubscriberStore(db, TABLE, 4).save(aSubscription({ id: 'lost-claim' }));
    const before = proxy.dropped.UpdateItem ?? 0;
    const claim = await deliveries.claim('2026-W48', 'lost-claim', 'en', T, T - 1);
    expect((proxy.dropped.UpdateItem ?? 0) - before).toBe(1);
    expect(claim).toMatchObject({ kind: 'claimed', claim: { attempts: 1 }, reader: { id: 'lost-claim' } });
    expect(await deliveries.claim('2026-W48', 'lost-claim', 'en', T + 1, T - 1)).toEqual({ kind: 'held' });
  });

  it('erases a reader whose delete lost its answer: held, and a claim under way still settles under no id', async () => {
    const all = DynamoDBDocumentClient.from(clientOf(allWrites.endpoint), {
      marshallOptions: { removeUndefinedValues: true },
    });
    const readers = new DynamoSubscriberStore(all, TABLE, 4);
    const deliveries = new DynamoDeliveryStore(all, TABLE, 4);
    await readers.save(aSubscription({ id: 'lost-erase' }));
    const claim = await claimOf(deliveries, '2026-W48', 'lost-erase', 'en', T);
    const before = allWrites.dropped.DeleteItem ?? 0;
    expect(await readers.delete('lost-erase')).toBe(true);
    expect((allWrites.dropped.DeleteItem ?? 0) - before).toBe(1);
    await deliveries.settle(claim, 'sent', { messageId: 'm' });
    expect((await deliveries.list('2026-W48')).filter((d) => d.subscriberId === 'lost-erase')).toEqual([]);
  });

  it('settles and counts a transient bounce once', async () => {
    const deliveries = new DynamoDeliveryStore(db, TABLE, 4);
    await new DynamoSubscriberStore(db, TABLE, 4).save(aSubscription({ id: 'lost-settle' }));
    await settled(deliveries, '2026-W48', 'lost-settle', 'en', 'sent', { messageId: 'm-1' }, T);
    await deliveries.feedback('2026-W48', 'lost-settle', 'transient');
    const [record] = (await deliveries.list('2026-W48')).filter((d) => d.subscriberId === 'lost-settle');
    expect(record).toEqual({
      subscriberId: 'lost-settle',
      language: 'en',
      status: 'sent',
      attempts: 1,
      transientBounces: 1,
    });
  });

  it("marks a bounce once, in the record's language, and stores the edition's summary once", async () => {
    const deliveries = new DynamoDeliveryStore(db, TABLE, 4);
    await new DynamoSubscriberStore(db, TABLE, 4).save(aSubscription({ id: 'lost-bounce', language: 'be' }));
    await settled(deliveries, '2026-W47', 'lost-bounce', 'be', 'sent', { messageId: 'm-2' }, T);
    const before = proxy.dropped.UpdateItem ?? 0;
    expect(await deliveries.feedback('2026-W47', 'lost-bounce', 'bounced')).toBe('be');
    expect((proxy.dropped.UpdateItem ?? 0) - before).toBe(1);
    // The set update is unconditional: through the proxy that drops the first answer of every write.
    const sets = new DynamoFeedbackSets(DynamoDBDocumentClient.from(clientOf(allWrites.endpoint)), TABLE);
    const dropped = allWrites.dropped.UpdateItem ?? 0;
    await sets.mark('2026-W47', 'lost-bounce', 'be', 'bounced', T);
    expect((allWrites.dropped.UpdateItem ?? 0) - dropped).toBe(1);
    expect(await sets.counts('2026-W47')).toEqual({ be: { bounced: 1, complained: 0 } });
    const summaries = new DynamoSummaryStore(db, TABLE);
    const summary = { be: { planned: 1, sent: 1, failed: 0, skipped: 0 } };
    const puts = proxy.dropped.PutItem ?? 0;
    await summaries.put('2026-W47', summary);
    expect((proxy.dropped.PutItem ?? 0) - puts).toBe(1);
    expect(await summaries.get('2026-W47')).toEqual(summary);
  });

  it('starts the edition for the dispatcher that created its record, and takes over a lapsed lease for it', async () => {
    const sends = new DynamoSendRecordStore(db, TABLE);
    const record = {
      edition: '2026-W48',
      status: 'dispatching' as const,
      owner: 'first',
      leaseUntil: T + 60_000,
      startedAt: T,
      languages: { en: {} },
      skipped: [],
      planned: { en: 0 },
      checkpoint: {},
    };
    expect(await sends.claim(record, T)).toEqual(record);
    const taken = await sends.claim({ ...record, owner: 'second', leaseUntil: T + 200_000 }, T + 120_000);
    expect(taken).toMatchObject({ owner: 'second', leaseUntil: T + 200_000 });
    const move = { position: 'en#0', previous: undefined, value: 'done' };
    expect(await sends.checkpoint('2026-W48', 'second', move, 'en', 5, T + 130_000)).toBe(true);
    expect(await sends.get('2026-W48')).toMatchObject({ planned: { en: 5 } });
  });

  it('imports a new commentary as created, an import of the same as unchanged, a changed one as updated', async () => {
    // Every write loses its first answer here, the unconditional ones too.
    const commentaries = new DynamoCommentaryStore(DynamoDBDocumentClient.from(clientOf(allWrites.endpoint)), TABLE);
    const c: Commentary = {
      key: 'lost-answer',
      language: 'en',
      edition: '2026-W48',
      date: '2026-11-24',
      title: 'Lost answers',
      topic: 'Economy',
      url: 'https://example.org/lost',
      lead: 'Lead.',
      leadHtml: 'Lead.',
      leadText: 'Lead.',
      body: 'Body.',
    };
    expect(await commentaries.put(c)).toBe('created');
    expect(await commentaries.put(c)).toBe('unchanged');
    expect(await commentaries.put({ ...c, title: 'Found answers' })).toBe('updated');
    expect(allWrites.dropped.PutItem).toBeGreaterThanOrEqual(2);
    expect(await commentaries.listByEdition('2026-W48')).toEqual([{ ...c, title: 'Found answers' }]);
  });

  it("takes the edition's report mark for the completion that claimed it, so the editors get the report", async () => {
    const marks = new DynamoReportMarks(db, TABLE);
    const before = proxy.dropped.UpdateItem ?? 0;
    expect(await marks.claim('2026-W47', T, T + 60_000)).toBe(true);
    expect((proxy.dropped.UpdateItem ?? 0) - before).toBe(1);
    expect(await marks.claim('2026-W47', T + 1, T + 60_000)).toBe(false);
  });

  it("claims a reader's welcome for the confirmation that claimed it, so the welcome is sent", async () => {
    const welcomes = new DynamoWelcomeLedger(db, TABLE);
    const before = proxy.dropped.PutItem ?? 0;
    expect(await welcomes.claim('lost-welcome', T, T, T - 60_000)).toBe(true);
    expect((proxy.dropped.PutItem ?? 0) - before).toBe(1);
    expect(await welcomes.claim('lost-welcome', T, T + 1, T - 60_000)).toBe(false);
  });
});
