import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../functions/adapters/dynamo/table.ts';
import { type ConsumeResult, InProcessQueue } from '../functions/adapters/in-process/queue.ts';
import { type DeliverDeps, deliverBatch } from '../functions/app/deliver.ts';
import { dispatch } from '../functions/app/dispatch.ts';
import type { DeliveryBatch } from '../functions/core/queue-messages.ts';
import { retryDelaySeconds } from '../functions/core/send.ts';
import { createAddressCipher } from '../functions/wiring/address-cipher.ts';
import { createMailer } from '../functions/wiring/mailer.ts';
import { createSendContext, deliverDeps, dispatchDeps } from '../functions/wiring/send.ts';
import { deliverConcurrency, deliverSendRate } from '../infra/throughput.ts';
import { localEnvironment } from '../local/env.ts';
import { startChild } from './child.ts';
import { seedEditions, seedSubscribers } from './seed.ts';
import { round, since } from './stats.ts';

/** Figure 6: the deliverers at the stack's concurrency for SES rate R, against an SES that enforces R. */
export interface PacingFigure {
  readonly rate: number;
  readonly emails: number;
  readonly concurrency: number;
  /** E-mails a second each invocation is paced to (undefined: not paced). */
  readonly perInvocation?: number;
  readonly seconds: number;
  readonly achievedRate: number;
  readonly achievedShare: number;
  readonly throttledShare: number;
  readonly calls: { pass: number; throttle: number };
  readonly batchRetries: number;
  /** Wall time per e-mail in one invocation (concurrency × seconds / e-mails): above 1 / perInvocation, the pace
   * is not the limit, the time of a send is (claim, SendEmail, settle on this machine's stand-ins). */
  readonly msPerSendPerInvocation: number;
  readonly emailsInStandIn: number;
}

/**
 * Runs figure 6: dispatches `emails` readers, then delivers them with `deliverConcurrency(rate)` consumers, each one
 * invocation with its own mailer (paced at the stack's per-invocation rate unless `paced` is false) and core's
 * back-off in real seconds for throttled batches, as the queue does. Measures from the first to the last e-mail.
 */
export async function benchPacing(options: { rate: number; emails: number; paced?: boolean }): Promise<PacingFigure> {
  const standIns = await startChild<{ dynamo: string; limitedSes: string }>('stand-ins-child.ts', {
    BENCH_SES_RATE: String(options.rate),
  });
  try {
    const env = localEnvironment(
      {
        apiUrl: 'https://newsletter.example',
        dynamoEndpoint: standIns.ready.dynamo,
        sesEndpoint: standIns.ready.limitedSes,
      },
      { POWERTOOLS_LOG_LEVEL: 'ERROR', TABLE_NAME: 'bench-pacing' },
    );
    Object.assign(process.env, env);
    await ensureTable(new DynamoDBClient({}), env.TABLE_NAME as string);
    const ctx = await createSendContext(env);
    const edition = '2026-W20';
    await seedEditions(ctx, [edition]);
    await seedSubscribers(ctx, options.emails);
    const batches: DeliveryBatch[] = [];
    const collect = {
      enqueue: async (b: DeliveryBatch) => void batches.push(b),
      enqueueMany: async (bs: readonly DeliveryBatch[]) => void batches.push(...bs),
    };
    const result = await dispatch(dispatchDeps(ctx, collect), { edition });
    if (result.status !== 'dispatched') throw new Error(`dispatch: ${result.status}`);
    const concurrency = deliverConcurrency(options.rate);
    const perInvocation = options.paced === false ? undefined : deliverSendRate(options.rate);
    // One mailer per invocation (a Lambda container): the pacing is per invocation, as deployed.
    const cipher = await createAddressCipher(ctx.secrets, ctx.config);
    const free: DeliverDeps[] = Array.from({ length: concurrency }, () => {
      const sender = { SENDER_EMAIL: ctx.config.SENDER_EMAIL, SES_CONFIGURATION_SET: undefined };
      return deliverDeps(
        ctx,
        createMailer(sender, { attempts: 1, ...(perInvocation ? { perSecond: perInvocation } : {}) }),
        cipher,
      );
    });
    let retries = 0;
    const queue = new InProcessQueue(
      async (batch, receiveCount): Promise<ConsumeResult> => {
        const deps = free.pop() as DeliverDeps;
        try {
          const outcome = await deliverBatch(deps, batch);
          if (!outcome.retry) return { done: true };
          retries++;
          return { done: false, delayMs: retryDelaySeconds(outcome.retry, receiveCount, Math.random()) * 1000 };
        } finally {
          free.push(deps);
        }
      },
      { concurrency, maxReceives: 100 },
    );
    await standIns.ask({ type: 'clear' });
    await standIns.ask({ type: 'limit-take' });
    const start = performance.now();
    await queue.enqueueMany(batches);
    await queue.drain();
    const seconds = since(start) / 1000;
    const calls = await standIns.ask<{ pass: number; throttle: number }>({ type: 'limit-take' });
    const count = await standIns.ask<{ emails: number }>({ type: 'count' });
    const achievedRate = options.emails / seconds;
    return {
      rate: options.rate,
      emails: options.emails,
      concurrency,
      ...(perInvocation ? { perInvocation: round(perInvocation, 2) } : {}),
      seconds: round(seconds, 1),
      achievedRate: round(achievedRate, 1),
      achievedShare: round(achievedRate / options.rate, 3),
      throttledShare: round(calls.throttle / (calls.pass + calls.throttle), 3),
      calls: { pass: calls.pass, throttle: calls.throttle },
      batchRetries: retries,
      msPerSendPerInvocation: round((concurrency * seconds * 1000) / options.emails, 0),
      emailsInStandIn: count.emails,
    };
  } finally {
    await standIns.close();
  }
}
