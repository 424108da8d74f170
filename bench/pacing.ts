import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../functions/adapters/dynamo/table.ts';
import { PacedMailer } from '../functions/adapters/paced/mailer.ts';
import { type DeliverDeps, deliverBatch } from '../functions/app/deliver.ts';
import { dispatch } from '../functions/app/dispatch.ts';
import type { Mailer } from '../functions/app/ports/mailer.ts';
import type { DeliveryBatch } from '../functions/core/queue-messages.ts';
import { retryDelaySeconds } from '../functions/core/send.ts';
import { createAddressCipher } from '../functions/wiring/address-cipher.ts';
import { createMailer } from '../functions/wiring/mailer.ts';
import { createSendContext, deliverDeps, dispatchDeps, type SendContext } from '../functions/wiring/send.ts';
import { deliverBatchSize, deliverConcurrency, deliverSendRate } from '../infra/throughput.ts';
import { localEnvironment } from '../local/env.ts';
import { type Child, startChild } from './child.ts';
import { seedEditions, seedSubscribers } from './seed.ts';
import { median, round, since } from './stats.ts';

/** One paced send of an edition with `latencyMs` added to every SES call. */
export interface PacingRun {
  readonly latencyMs: number;
  readonly seconds: number;
  readonly achievedRate: number;
  readonly achievedShare: number;
  readonly throttledShare: number;
  readonly calls: { pass: number; throttle: number };
  readonly batchRetries: number;
  /** Wall time per e-mail in one invocation (concurrency × seconds / e-mails). */
  readonly msPerSendPerInvocation: number;
  /** Why a share is missed: deliverer time spent in batches over concurrency × wall time (below 1: idle deliverers,
   * the tail of the last messages), and per e-mail inside a batch its SES call and the pacer's wait (median ms). */
  readonly busyShare: number;
  readonly sesCallMs: number;
  readonly paceWaitMs: number;
  readonly emailsInStandIn: number;
  /** Messages an invocation handles at once (the handler's batch, in parallel; 1: one after another). */
  readonly messagesAtOnce: number;
}

/** Figure 6: the deliverers at the stack's concurrency for SES rate R, against an SES that enforces R; the top-level
 * fields are the run without added latency (the keys other tools read), `latency60` and `latency120` the others. */
export interface PacingFigure extends PacingRun {
  readonly rate: number;
  readonly emails: number;
  readonly concurrency: number;
  /** E-mails a second each invocation is paced to (undefined: not paced). */
  readonly perInvocation?: number;
  readonly runs: PacingRun[];
  readonly latency60?: PacingRun;
  readonly latency120?: PacingRun;
}

type StandIns = Child<{ dynamo: string; limitedSes: string; delayedSes: Record<string, string> }>;
interface Setup {
  ctx: SendContext;
  standIns: StandIns;
  rate: number;
  emails: number;
  paced: boolean;
}

/** A mailer that records how long each SES call takes. */
function timed(inner: Mailer, ms: number[]): Mailer {
  return {
    send: async (mail) => {
      const start = performance.now();
      const out = await inner.send(mail);
      ms.push(since(start));
      return out;
    },
  };
}

/** Delivers `edition` with `deliverConcurrency(rate)` consumers, each one invocation with its own mailer. */
async function paceOnce(s: Setup, edition: string, latencyMs: number): Promise<PacingRun> {
  process.env.AWS_ENDPOINT_URL_SESV2 = s.standIns.ready.delayedSes[latencyMs];
  const batches: DeliveryBatch[] = [];
  const collect = {
    enqueue: async (b: DeliveryBatch) => void batches.push(b),
    enqueueMany: async (bs: readonly DeliveryBatch[]) => void batches.push(...bs),
  };
  const result = await dispatch(dispatchDeps(s.ctx, collect), { edition });
  if (result.status !== 'dispatched') throw new Error(`dispatch: ${result.status}`);
  const concurrency = deliverConcurrency(s.rate);
  const sesMs: number[] = [];
  const totalMs: number[] = [];
  const sender = { SENDER_EMAIL: s.ctx.config.SENDER_EMAIL, SES_CONFIGURATION_SET: undefined };
  // The stack's mailer (createMailer), with the SES calls timed inside the pacer.
  const cipher = await createAddressCipher(s.ctx.secrets, s.ctx.config);
  const free: DeliverDeps[] = Array.from({ length: concurrency }, () => {
    const ses = timed(createMailer(sender, { attempts: 1 }), sesMs);
    const mailer = s.paced ? new PacedMailer(ses, deliverSendRate(s.rate)) : ses;
    return deliverDeps(s.ctx, timed(mailer, totalMs), cipher);
  });
  let retries = 0;
  let busyMs = 0;
  // The queue and its poller: each invocation takes up to `perInvocation` ready messages and handles them at once,
  // its one mailer pacing them all; a batch to retry comes back after core's back-off in real seconds. Invocations
  // run until nothing is ready, waiting or in flight.
  // As deployed, an invocation handles its messages one after another (processInParallel: false). BENCH_PACING_AT_ONCE=1
  // models the handler taking its deliverBatchSize messages at once under its one pacer (see docs/performance.md).
  const ready = batches.map((batch) => ({ batch, receives: 1 }));
  let waiting = 0;
  let inFlight = 0;
  const perInvocation = process.env.BENCH_PACING_AT_ONCE === '1' ? deliverBatchSize(s.rate) : 1;
  const handle = async (deps: DeliverDeps, m: { batch: DeliveryBatch; receives: number }) => {
    const outcome = await deliverBatch(deps, m.batch);
    if (!outcome.retry) return;
    retries++;
    waiting++;
    const delayMs = retryDelaySeconds(outcome.retry, m.receives, Math.random()) * 1000;
    setTimeout(() => {
      waiting--;
      ready.push({ batch: m.batch, receives: m.receives + 1 });
    }, delayMs);
  };
  const invocation = async (deps: DeliverDeps) => {
    while (ready.length > 0 || waiting > 0 || inFlight > 0) {
      const taken = ready.splice(0, perInvocation);
      if (taken.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      inFlight += taken.length;
      const began = performance.now();
      await Promise.all(taken.map((m) => handle(deps, m)));
      inFlight -= taken.length;
      busyMs += since(began);
    }
  };
  await s.standIns.ask({ type: 'clear' });
  await s.standIns.ask({ type: 'limit-take' });
  const start = performance.now();
  await Promise.all(free.map(invocation));
  const seconds = since(start) / 1000;
  const calls = await s.standIns.ask<{ pass: number; throttle: number }>({ type: 'limit-take' });
  const count = await s.standIns.ask<{ emails: number }>({ type: 'count' });
  const achievedRate = s.emails / seconds;
  return {
    latencyMs,
    seconds: round(seconds, 1),
    achievedRate: round(achievedRate, 1),
    achievedShare: round(achievedRate / s.rate, 3),
    throttledShare: round(calls.throttle / (calls.pass + calls.throttle), 3),
    calls: { pass: calls.pass, throttle: calls.throttle },
    batchRetries: retries,
    msPerSendPerInvocation: round((concurrency * seconds * 1000) / s.emails, 0),
    busyShare: round(busyMs / (concurrency * seconds * 1000), 3),
    sesCallMs: round(median(sesMs), 1),
    paceWaitMs: round(median(totalMs) - median(sesMs), 1),
    emailsInStandIn: count.emails,
    messagesAtOnce: perInvocation,
  };
}

/**
 * Runs figure 6: seeds `emails` readers, then for each added SES latency (default 0, 60 and 120 ms) dispatches a new
 * edition and delivers it paced (unless `paced` is false), throttled batches backing off in real seconds as on the
 * queue. Measures from the first batch handed out to the last e-mail.
 */
export async function benchPacing(options: {
  rate: number;
  emails: number;
  paced?: boolean;
  latencies?: readonly number[];
}): Promise<PacingFigure> {
  const latencies = options.latencies ?? [0, 60, 120];
  const standIns: StandIns = await startChild('stand-ins-child.ts', {
    BENCH_SES_RATE: String(options.rate),
    BENCH_SES_LATENCIES: latencies.join(','),
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
    const editions = latencies.map((_, i) => `2026-W${20 + i}`);
    await seedEditions(ctx, editions);
    await seedSubscribers(ctx, options.emails);
    const setup = { ctx, standIns, rate: options.rate, emails: options.emails, paced: options.paced !== false };
    const runs: PacingRun[] = [];
    for (const [i, ms] of latencies.entries()) runs.push(await paceOnce(setup, editions[i] as string, ms));
    const at = (ms: number) => runs.find((r) => r.latencyMs === ms);
    const latency60 = at(60);
    const latency120 = at(120);
    return {
      ...(at(0) ?? (runs[0] as PacingRun)),
      rate: options.rate,
      emails: options.emails,
      concurrency: deliverConcurrency(options.rate),
      ...(setup.paced ? { perInvocation: round(deliverSendRate(options.rate), 2) } : {}),
      runs,
      ...(latency60 ? { latency60 } : {}),
      ...(latency120 ? { latency120 } : {}),
    };
  } finally {
    await standIns.close();
  }
}
