import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ensureTable } from '../functions/adapters/dynamo/table.ts';
import { SqsQueue } from '../functions/adapters/sqs/queue.ts';
import { dispatch } from '../functions/app/dispatch.ts';
import { LANGUAGES } from '../functions/core/language.ts';
import { createSendContext, dispatchDeps } from '../functions/wiring/send.ts';
import { localEnvironment } from '../local/env.ts';
import { everyReaderOnce, type QueuedCount } from './checks.ts';
import { startChild } from './child.ts';
import { floorDispatch } from './floor-dispatch.ts';
import { seedEditions, seedSubscribers } from './seed.ts';
import { interleaved, median, type PairedRatio, pairedRatio, round, since } from './stats.ts';

interface StandIns {
  dynamo: string;
  ses: string;
  sqs: string;
  queueUrl: string;
}

/** One timed dispatch or floor: its time and what reached the queue. */
export interface DispatchRun {
  readonly ms: number;
  /** Distinct readers queued. */
  readonly readersQueued: number;
  /** Reader ids in all messages, and those queued more than once (0 when each reader was queued once). */
  readonly idsQueued: number;
  readonly queuedTwice: number;
  readonly messages: number;
  readonly calls: Record<string, number>;
  /** Every reader queued exactly once (no reader missing, none twice). */
  readonly ok: boolean;
}

/** Figure 5: dispatch of one edition to `readers` readers against its floor, in interleaved pairs. */
export interface DispatchFigure {
  readonly readers: number;
  readonly seedSeconds: number;
  readonly floor: DispatchRun[];
  readonly subject: DispatchRun[];
  readonly ratio: number;
  readonly spread: PairedRatio;
  readonly readersPerSecond: number;
  readonly floorReadersPerSecond: number;
  /** True when every dispatch put each reader on the queue exactly once (none twice), in SendMessageBatch calls only. */
  readonly queuedEveryReaderOnce: boolean;
}

/** Runs figure 5: seeds `readers` confirmed readers, then `pairs` pairs of floor and dispatch (a new edition each). */
export async function benchDispatch(options: { readers: number; pairs: number }): Promise<DispatchFigure> {
  const standIns = await startChild<StandIns>('stand-ins-child.ts');
  try {
    const env = localEnvironment(
      { apiUrl: 'https://newsletter.example', dynamoEndpoint: standIns.ready.dynamo, sesEndpoint: standIns.ready.ses },
      { POWERTOOLS_LOG_LEVEL: 'ERROR', TABLE_NAME: 'bench-dispatch', QUEUE_URL: standIns.ready.queueUrl },
    );
    Object.assign(process.env, env);
    const sqs = new SQSClient({ endpoint: standIns.ready.sqs });
    const editions = Array.from({ length: options.pairs + 1 }, (_, i) => `2026-W${String(10 + i).padStart(2, '0')}`);
    await ensureTable(new DynamoDBClient({}), env.TABLE_NAME as string);
    const ctx = await createSendContext(env);
    const seedStart = performance.now();
    await seedEditions(ctx, editions);
    await seedSubscribers(ctx, options.readers);
    const seedSeconds = round(since(seedStart) / 1000, 1);
    const deps = dispatchDeps(ctx, new SqsQueue(sqs, standIns.ready.queueUrl));
    const once = async (side: 'floor' | 'subject', edition: string): Promise<DispatchRun> => {
      await standIns.ask({ type: 'sqs-take' });
      const start = performance.now();
      if (side === 'subject') {
        const result = await dispatch(deps, { edition });
        if (result.status !== 'dispatched') throw new Error(`dispatch ${edition}: ${result.status}`);
      } else {
        await floorDispatch({
          db: ctx.db,
          sqs,
          queueUrl: standIns.ready.queueUrl,
          table: ctx.config.TABLE_NAME,
          languages: LANGUAGES,
          shards: ctx.config.SHARDS,
          batchSize: ctx.config.BATCH_SIZE,
          run: `FLOOR-${edition}`,
        });
      }
      const ms = round(since(start), 1);
      const taken = await standIns.ask<{ messages: number; calls: Record<string, number>; queued: QueuedCount }>({
        type: 'sqs-take',
      });
      const { queued } = taken;
      return {
        ms,
        readersQueued: queued.distinct,
        idsQueued: queued.ids,
        queuedTwice: queued.twice,
        ok: everyReaderOnce(queued, options.readers),
        messages: taken.messages,
        calls: taken.calls,
      };
    };
    // Warm-up, untimed: JIT, connection pools, dynalite's index pages.
    await once('floor', 'WARMUP');
    await once('subject', editions[0] as string);
    const runs = await interleaved(options.pairs, (side, i) => once(side, editions[i + 1] as string));
    const spread = pairedRatio(
      runs.subject.map((r) => r.ms),
      runs.floor.map((r) => r.ms),
    );
    const perSecond = (rs: DispatchRun[]) => round((options.readers / median(rs.map((r) => r.ms))) * 1000, 0);
    return {
      readers: options.readers,
      seedSeconds,
      floor: runs.floor,
      subject: runs.subject,
      ratio: spread.median,
      spread,
      readersPerSecond: perSecond(runs.subject),
      floorReadersPerSecond: perSecond(runs.floor),
      queuedEveryReaderOnce: runs.subject.every(
        (r) =>
          r.ok &&
          r.messages <= Math.ceil(options.readers / ctx.config.BATCH_SIZE) + LANGUAGES.length * ctx.config.SHARDS &&
          Object.keys(r.calls).every((c) => c === 'SendMessageBatch'),
      ),
    };
  } finally {
    await standIns.close();
  }
}
