import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../functions/adapters/dynamo/table.ts';
import { renderEdition } from '../functions/app/digest.ts';
import { manageUrl } from '../functions/app/links.ts';
import type { Language } from '../functions/core/language.ts';
import type { RenderedEmail } from '../functions/core/rendered-email.ts';
import type { SealedAddress } from '../functions/core/sealed-address.ts';
import { createAddressCipher } from '../functions/wiring/address-cipher.ts';
import { createSendContext } from '../functions/wiring/send.ts';
import { dispatchLocally } from '../local/dispatcher.ts';
import { localEnvironment } from '../local/env.ts';
import { personalizeDigest } from '../templates/personalize.ts';
import { startChild } from './child.ts';
import { floorSend } from './floor-send.ts';
import { timeOpens } from './open-timer.ts';
import { seedEditions, seedSubscribers } from './seed.ts';
import { median, type PairedRatio, pairedRatio, round, since } from './stats.ts';

type SendContext = Awaited<ReturnType<typeof createSendContext>>;

/** One timed run of the pipeline or of its floor. */
export interface SendRun {
  readonly kind: 'floor' | 'pipeline';
  readonly ms: number;
  readonly recipientsPerSecond: number;
  readonly emailsInStandIn: number;
  readonly distinctRecipients: number;
  readonly dynamoOps: Record<string, number>;
  /** Time spent opening sealed addresses during the run (ms) and how many were opened. */
  readonly openMs: number;
  readonly opens: number;
}

/** Figure 1: the full send against its floor, alternated in one run. */
export interface SendFigure {
  readonly subscribers: number;
  readonly concurrency: number;
  readonly runs: SendRun[];
  readonly floorMs: number;
  readonly pipelineMs: number;
  readonly ratio: number;
  /** The ratio of each (floor, pipeline) pair, run in A B B A order. */
  readonly spread: PairedRatio;
  readonly recipientsPerSecond: number;
  readonly emailsInStandIn: number;
  readonly dynamoOpsPerRecipient: { floor: number; pipeline: number };
  /** The pipeline's DynamoDB calls per recipient, every call of the send counted (target ≤ 2.05: two writes, no read). */
  readonly dynamoCallsPerRecipient: number;
  /** What the address encryption adds to the pipeline's send: opens per recipient, µs per open, share of the time. */
  readonly encryption: { opensPerRecipient: number; usPerOpen: number; share: number; shares: number[] };
}

/** Counts the DynamoDB calls made through a context's document client, by command. */
function countOps(ctx: SendContext): { take(): Record<string, number> } {
  let counts: Record<string, number> = {};
  ctx.db.middlewareStack.add(
    (next, context) => (args) => {
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCountOps' },
  );
  return {
    take() {
      const taken = counts;
      counts = {};
      return taken;
    },
  };
}

async function floorMails(ctx: SendContext, edition: string): Promise<Map<Language, RenderedEmail & { url: string }>> {
  const { digests } = await renderEdition(ctx.commentaries, ctx.settings, edition);
  const mails = new Map<Language, RenderedEmail & { url: string }>();
  for (const d of digests) {
    const url = manageUrl(ctx.config.PUBLIC_URL, ctx.secrets.ring, 'AAAAAAAAAAAAAAAAAAAAAA', Date.now());
    mails.set(d.plan.language, { ...personalizeDigest(d.rendered, url), url });
  }
  return mails;
}

/** Runs figure 1: seeds `subscribers`, then `rounds` pairs of floor and pipeline (A B B A order), one edition each. */
export async function benchSend(options: { subscribers: number; rounds: number; concurrency: number }) {
  const standIns = await startChild<{ dynamo: string; ses: string }>('stand-ins-child.ts');
  const opens = timeOpens();
  try {
    const env = localEnvironment(
      { apiUrl: 'https://newsletter.example', dynamoEndpoint: standIns.ready.dynamo, sesEndpoint: standIns.ready.ses },
      { POWERTOOLS_LOG_LEVEL: 'ERROR', TABLE_NAME: 'bench-send' },
    );
    Object.assign(process.env, env);
    const editions = Array.from({ length: options.rounds + 1 }, (_, i) => `2026-W${String(30 + i).padStart(2, '0')}`);
    const tables = { warmup: 'bench-warmup', main: 'bench-send' };
    const raw = new DynamoDBClient({});
    const contexts: Record<string, SendContext> = {};
    for (const [name, table] of Object.entries(tables)) {
      await ensureTable(raw, table);
      const ctx = await createSendContext({ ...env, TABLE_NAME: table });
      await seedEditions(ctx, editions);
      await seedSubscribers(ctx, name === 'warmup' ? 300 : options.subscribers);
      contexts[name] = ctx;
    }
    const runs: SendRun[] = [];
    const once = async (kind: SendRun['kind'], ctx: SendContext, edition: string, expected: number) => {
      const counter = countOps(ctx);
      const mails = kind === 'floor' ? await floorMails(ctx, edition) : undefined;
      await standIns.ask({ type: 'clear' });
      counter.take();
      opens.take();
      const start = performance.now();
      if (mails) {
        const cipher = await createAddressCipher(ctx.secrets, ctx.config);
        await floorSend({
          open: (sealed, subscriberId) => cipher.open(sealed as SealedAddress, subscriberId),
          db: ctx.db,
          table: ctx.config.TABLE_NAME,
          from: ctx.config.SENDER_EMAIL,
          shards: ctx.config.SHARDS,
          batchSize: ctx.config.BATCH_SIZE,
          concurrency: options.concurrency,
          mails,
          run: `FLOOR-${edition}`,
        });
      } else {
        const { progress } = await dispatchLocally(ctx, { edition }, { concurrency: options.concurrency });
        if (progress.sent !== expected) throw new Error(`pipeline sent ${progress.sent} of ${expected}`);
      }
      const ms = since(start);
      const opened = opens.take();
      const dynamoOps = counter.take();
      ctx.db.middlewareStack.remove('benchCountOps');
      const count = await standIns.ask<{ emails: number; recipients: number }>({ type: 'count' });
      await standIns.ask({ type: 'clear' });
      return {
        kind,
        ms: round(ms, 1),
        recipientsPerSecond: round((expected / ms) * 1000, 0),
        emailsInStandIn: count.emails,
        distinctRecipients: count.recipients,
        dynamoOps,
        openMs: round(opened.ms, 2),
        opens: opened.opens,
      };
    };
    // Warm both paths up (JIT, connection pools, dynalite) on a small table, untimed.
    await once('floor', contexts.warmup as SendContext, editions[0] as string, 300);
    await once('pipeline', contexts.warmup as SendContext, editions[0] as string, 300);
    const main = contexts.main as SendContext;
    for (let r = 0; r < options.rounds; r++) {
      const edition = editions[r + 1] as string;
      const order: SendRun['kind'][] = r % 2 === 0 ? ['floor', 'pipeline'] : ['pipeline', 'floor'];
      for (const kind of order) runs.push(await once(kind, main, edition, options.subscribers));
    }
    return summarize(options, runs);
  } finally {
    opens.restore();
    await standIns.close();
  }
}

function summarize(options: { subscribers: number; concurrency: number }, runs: SendRun[]): SendFigure {
  const of = (kind: SendRun['kind']) => runs.filter((r) => r.kind === kind);
  const floorMs = median(of('floor').map((r) => r.ms));
  const pipelineMs = median(of('pipeline').map((r) => r.ms));
  const perRecipient = (kind: SendRun['kind']) => {
    const first = of(kind)[0];
    const total = Object.values(first?.dynamoOps ?? {}).reduce((a, b) => a + b, 0);
    return round(total / options.subscribers, 3);
  };
  const emails = of('pipeline').map((r) => r.emailsInStandIn);
  const spread = pairedRatio(
    of('pipeline').map((r) => r.ms),
    of('floor').map((r) => r.ms),
  );
  return {
    subscribers: options.subscribers,
    concurrency: options.concurrency,
    runs,
    floorMs: round(floorMs, 1),
    pipelineMs: round(pipelineMs, 1),
    ratio: spread.median,
    spread,
    recipientsPerSecond: round((options.subscribers / pipelineMs) * 1000, 0),
    emailsInStandIn: Math.min(...emails) === Math.max(...emails) ? (emails[0] as number) : Number.NaN,
    dynamoOpsPerRecipient: { floor: perRecipient('floor'), pipeline: perRecipient('pipeline') },
    dynamoCallsPerRecipient: perRecipient('pipeline'),
    encryption: encryptionShare(of('pipeline'), options.subscribers),
  };
}

/** The pipeline runs' time opening sealed addresses: per recipient, per open and as a share of each run's time. */
function encryptionShare(pipeline: readonly SendRun[], subscribers: number): SendFigure['encryption'] {
  const shares = pipeline.map((r) => round(r.openMs / r.ms, 5));
  const opens = pipeline.reduce((n, r) => n + r.opens, 0);
  const openMs = pipeline.reduce((n, r) => n + r.openMs, 0);
  return {
    opensPerRecipient: round(opens / (subscribers * pipeline.length), 3),
    usPerOpen: round((openMs * 1000) / Math.max(opens, 1), 2),
    share: round(median(shares), 5),
    shares,
  };
}
