import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/adapters/dynamo/keys.ts';
import { DynamoSubscriberStore } from '../functions/adapters/dynamo/subscriber-store.ts';
import { ensureTable } from '../functions/adapters/dynamo/table.ts';
import { SqsQueue } from '../functions/adapters/sqs/queue.ts';
import { checkCompletion, scheduleCompletionCheck } from '../functions/app/completion.ts';
import type { EditionSummary } from '../functions/core/edition-summary.ts';
import type { SendMessage } from '../functions/core/queue-messages.ts';
import { createAddressCipher } from '../functions/wiring/address-cipher.ts';
import { createMailer } from '../functions/wiring/mailer.ts';
import { createSendContext, type SendContext, sendPipelineDeps } from '../functions/wiring/send.ts';
import { localEnvironment } from '../local/env.ts';
import { startChild } from './child.ts';
import { type ReadCount, startReadCounter } from './read-counter.ts';
import { type ReportFigure, seedSentEdition, timeReports } from './report.ts';
import { confirmedItem, writeAll } from './seed.ts';
import { median, type PairedRatio, pairedRatio, round, since } from './stats.ts';

/**
 * Figure 8: the end of an edition, from the last e-mail accepted to the report mailed (the completion check
 * scheduled, the check message handled: the delivery records read, the summary written, the report rendered and
 * mailed to the editors; the check's delay is a wait, not work, and left out), at two list sizes, each against a
 * floor of reading the plan and writing the summary, in interleaved pairs. Its DynamoDB reads are counted by a
 * proxy in front of dynalite. Figure 7 (the report once the summary exists) runs on the same seeded editions.
 */
export interface EndFigure {
  readonly small: number;
  readonly large: number;
  readonly seedSeconds: number;
  readonly ms: { readonly small: number; readonly large: number };
  readonly floorMs: { readonly small: number; readonly large: number };
  /** End over floor per pair, at each size. */
  readonly ratio: { readonly small: PairedRatio; readonly large: PairedRatio };
  /** The large size's ratio to its floor over the small size's (≤ 2: the end barely grows with the list). */
  readonly growth: number;
  /** What one end's reads came to, at each size. */
  readonly reads: { readonly small: ReadCount; readonly large: ReadCount };
  /** Items read per recipient by one end at the large size. */
  readonly readsPerRecipient: number;
  readonly readUnitsPerRecipient: number;
  /** One page of the dispatch query on the sending index (BATCH_SIZE × 10 ids): items and read units. */
  readonly indexPage: { readonly items: number; readonly units: number };
  /** True when every end scheduled one check and mailed one report. */
  readonly everyEndReported: boolean;
}

const EDITOR = 'end-editor@bench.example';

/** Runs figure 8 and, on the same editions, figure 7. */
export async function benchEnd(o: { small: number; large: number; pairs: number }) {
  const standIns = await startChild<{ dynamo: string; ses: string; sqs: string; queueUrl: string }>(
    'stand-ins-child.ts',
  );
  const counter = await startReadCounter(standIns.ready.dynamo);
  try {
    const env = localEnvironment(
      { apiUrl: 'https://newsletter.example', dynamoEndpoint: counter.endpoint, sesEndpoint: standIns.ready.ses },
      { POWERTOOLS_LOG_LEVEL: 'ERROR', TABLE_NAME: 'bench-end', EDITOR_EMAILS: EDITOR },
    );
    Object.assign(process.env, env);
    await ensureTable(new DynamoDBClient({}), env.TABLE_NAME as string);
    const ctx = await createSendContext(env);
    const now = Date.now();
    const editions = { floor: '2026-W01', subject: '2026-W02' };
    const sizes = { floor: o.small, subject: o.large };
    const seedStart = performance.now();
    // Straight to dynalite, not through the counting proxy.
    const bulk = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: standIns.ready.dynamo }));
    for (const side of ['floor', 'subject'] as const)
      await seedSentEdition(ctx, editions[side], sizes[side], now, bulk);
    const seedSeconds = round(since(seedStart) / 1000, 1);
    const sqs = new SQSClient({ endpoint: standIns.ready.sqs });
    const QueueUrl = standIns.ready.queueUrl;
    const queue = new SqsQueue<SendMessage>(sqs, QueueUrl);
    const mailer = createMailer(ctx.config, { attempts: 1 });
    const cipher = await createAddressCipher(ctx.secrets, ctx.config);
    // The check's delay is a wait, not work: no delay here, so the check message can be received at once.
    const timing = { checkDelaySeconds: 0 };
    const { completion } = sendPipelineDeps(ctx, { digest: mailer, report: mailer, cipher }, queue, timing);
    // The check message received (in flight: not waiting any more) and deleted once handled, as Lambda does.
    const receiveCheck = async () => {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      for (const m of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
      return Messages.length;
    };
    let everyEndReported = true;
    const reads = {} as Record<'floor' | 'subject', ReadCount>;
    const summaries = {} as Record<'floor' | 'subject', EditionSummary>;
    // The end: the last batch finished with nothing waiting schedules the check; the check message, received (taken
    // off the queue, not timed), reads the records, stores the summary and mails the report.
    const end = async (side: 'floor' | 'subject') => {
      const edition = editions[side];
      await reset(ctx, edition);
      counter.take();
      let start = performance.now();
      const scheduled = await scheduleCompletionCheck(completion, edition);
      let ms = since(start);
      const received = await receiveCheck();
      start = performance.now();
      const outcome = await checkCompletion(completion, { edition, check: 'completion' });
      ms += since(start);
      reads[side] = counter.take();
      if (!scheduled || received !== 1 || outcome !== 'sent') everyEndReported = false;
      return ms;
    };
    const floor = async (side: 'floor' | 'subject') => {
      const start = performance.now();
      await ctx.sends.get(editions[side]);
      await ctx.summaries.put(editions[side], summaries[side]);
      return since(start);
    };
    for (const side of ['floor', 'subject'] as const) {
      await end(side);
      summaries[side] = (await ctx.summaries.get(editions[side])) as EditionSummary;
    }
    const runs: Record<'floor' | 'subject', { end: number[]; floor: number[] }> = {
      floor: { end: [], floor: [] },
      subject: { end: [], floor: [] },
    };
    for (let i = 0; i < o.pairs; i++) {
      // A B B A: sizes and sides alternate, so a drift in the machine's load falls on both alike.
      const sides = i % 2 === 0 ? (['floor', 'subject'] as const) : (['subject', 'floor'] as const);
      for (const side of sides) {
        const pair = i % 2 === 0 ? [end, floor] : [floor, end];
        for (const run of pair) runs[side][run === end ? 'end' : 'floor'].push(await run(side));
      }
    }
    const ratio = {
      small: pairedRatio(runs.floor.end, runs.floor.floor),
      large: pairedRatio(runs.subject.end, runs.subject.floor),
    };
    const ms = { small: round(median(runs.floor.end), 1), large: round(median(runs.subject.end), 1) };
    const figure: EndFigure = {
      small: o.small,
      large: o.large,
      seedSeconds,
      ms,
      floorMs: { small: round(median(runs.floor.floor), 2), large: round(median(runs.subject.floor), 2) },
      ratio,
      growth: round(ratio.large.median / ratio.small.median, 2),
      reads: { small: reads.floor, large: reads.subject },
      readsPerRecipient: round(reads.subject.items / o.large, 3),
      readUnitsPerRecipient: round(reads.subject.units / o.large, 4),
      indexPage: await indexPage(ctx, counter),
      everyEndReported,
    };
    const deps = { sends: ctx.sends, deliveries: ctx.deliveries, summaries: ctx.summaries, feedback: ctx.feedback };
    const report: ReportFigure = await timeReports(deps, editions, sizes, o.pairs * 3, ms);
    return { end: figure, report };
  } finally {
    await counter.close();
    await standIns.close();
  }
}

/** Makes an edition's end happen again: no summary, no report mark, no completion lease. */
async function reset(ctx: SendContext, edition: string): Promise<void> {
  for (const Key of [keys.summary(edition), keys.reportMark(edition), keys.completionLease(edition)])
    await ctx.db.send(new DeleteCommand({ TableName: ctx.config.TABLE_NAME, Key }));
}

/** Read units of one dispatch page of the sending index: one language's shard filled past a page, read once. */
async function indexPage(ctx: SendContext, counter: { take(): ReadCount }) {
  const table = 'bench-end-index';
  await ensureTable(new DynamoDBClient({}), table);
  const limit = ctx.config.BATCH_SIZE * 10;
  const cipher = await createAddressCipher(ctx.secrets, ctx.config);
  // One shard: every third reader is in the page's language.
  await writeAll(
    ctx.db,
    table,
    Array.from({ length: limit * 3 + 3 }, (_, i) => confirmedItem(i, 1, Date.now(), cipher)),
  );
  counter.take();
  await new DynamoSubscriberStore(ctx.db, table, 1).pageConfirmed('en', 0, undefined, limit);
  const read = counter.take();
  return { items: read.items, units: read.units };
}
