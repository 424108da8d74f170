import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { keys } from '../functions/adapters/dynamo/keys.ts';
import { ensureTable, TABLE } from '../functions/adapters/dynamo/table.ts';
import { completedReport, editionReport } from '../functions/app/report.ts';
import { LANGUAGES, type Language } from '../functions/core/language.ts';
import { createSendContext } from '../functions/wiring/send.ts';
import { localEnvironment } from '../local/env.ts';
import { startChild } from './child.ts';
import { writeAll } from './seed.ts';
import { interleaved, median, type PairedRatio, pairedRatio, round, since } from './stats.ts';

/**
 * Figure 7: the editors' report of a sent edition at two list sizes, timed in interleaved pairs once each edition
 * completed; the one-off completion check (a full read that writes the summary) is timed apart.
 */
export interface ReportFigure {
  readonly small: number;
  readonly large: number;
  /** The completion check of each edition, once: it reads every delivery record and stores the summary. */
  readonly completionMs: { readonly small: number; readonly large: number };
  readonly smallMs: number;
  readonly largeMs: number;
  /** Report time at `large` readers over report time at `small` (the median of the pairs). */
  readonly growth: number;
  readonly spread: PairedRatio;
  /** True when both reports counted every seeded delivery as sent and every hundredth as bounced. */
  readonly countsRight: boolean;
}

const BOUNCE_EVERY = 100;
const REPEAT = 10;

/** Delivery records of a sent edition in the shape DynamoDeliveries writes: claimed, then settled as sent. */
function sentRecord(edition: string, i: number, shards: number, now: number): Record<string, unknown> {
  const id = randomBytes(16).toString('base64url');
  const language = LANGUAGES[i % LANGUAGES.length];
  return {
    ...keys.delivery(edition, id, shards),
    status: 'sent',
    language,
    claimedAt: now,
    claimId: randomUUID(),
    attempts: 1,
    messageId: `bench-${i}`,
    sentAt: now,
    sentIn: language,
    [TABLE.ttlAttribute]: Math.ceil(now / 1000) + 400 * 86_400,
  };
}

/** Runs figure 7: seeds one edition with `small` and one with `large` sent deliveries, then times the report. */
export async function benchReport(options: { small: number; large: number; pairs: number }): Promise<ReportFigure> {
  const standIns = await startChild<{ dynamo: string; ses: string }>('stand-ins-child.ts');
  try {
    const env = localEnvironment(
      { apiUrl: 'https://newsletter.example', dynamoEndpoint: standIns.ready.dynamo, sesEndpoint: standIns.ready.ses },
      { POWERTOOLS_LOG_LEVEL: 'ERROR', TABLE_NAME: 'bench-report' },
    );
    Object.assign(process.env, env);
    await ensureTable(new DynamoDBClient({}), env.TABLE_NAME as string);
    const ctx = await createSendContext(env);
    const now = Date.now();
    const editions = { floor: '2026-W01', subject: '2026-W02' };
    const sizes = { floor: options.small, subject: options.large };
    for (const side of ['floor', 'subject'] as const) {
      const edition = editions[side];
      const planned = Object.fromEntries(LANGUAGES.map((l, i) => [l, Math.ceil((sizes[side] - i) / 3)]));
      await ctx.sends.claim(
        {
          edition,
          status: 'dispatching',
          owner: 'bench',
          leaseUntil: now,
          startedAt: now,
          languages: {},
          skipped: [],
          planned,
          checkpoint: {},
        },
        now,
      );
      await ctx.sends.finish(edition, 'bench', now);
      const items = Array.from({ length: sizes[side] }, (_, i) => sentRecord(edition, i, ctx.config.SHARDS, now));
      // One reader in a hundred bounced: the delivery record says so and the edition's bounce set holds the id.
      const bounced = items.filter((_, i) => i % BOUNCE_EVERY === 0);
      for (const item of bounced) item.status = 'bounced';
      await writeAll(ctx.db, ctx.config.TABLE_NAME, items);
      for (let i = 0; i < bounced.length; i += 25)
        await Promise.all(
          bounced
            .slice(i, i + 25)
            .map((b) => ctx.feedback.mark(edition, b.sk as string, b.language as Language, 'bounced', now)),
        );
    }
    const deps = { sends: ctx.sends, deliveries: ctx.deliveries, summaries: ctx.summaries, feedback: ctx.feedback };
    let countsRight = true;
    const complete = async (side: 'floor' | 'subject') => {
      const start = performance.now();
      if (!(await completedReport(deps, editions[side]))) countsRight = false;
      return round(since(start), 1);
    };
    const completionMs = { small: await complete('floor'), large: await complete('subject') };
    // A report is a few milliseconds now: each sample is the mean of REPEAT reports in a row, so that one pair is
    // not a single scheduling hiccup on a shared machine.
    const once = async (side: 'floor' | 'subject') => {
      const start = performance.now();
      for (let r = 0; r < REPEAT; r++) {
        const report = await editionReport(deps, editions[side]);
        const sum = (k: 'sent' | 'bounced') => Object.values(report.languages).reduce((a, l) => a + (l?.[k] ?? 0), 0);
        if (sum('sent') !== sizes[side] || sum('bounced') !== Math.ceil(sizes[side] / BOUNCE_EVERY))
          countsRight = false;
      }
      return since(start) / REPEAT;
    };
    await once('floor');
    await once('subject');
    const runs = await interleaved(options.pairs, once);
    const spread = pairedRatio(runs.subject, runs.floor);
    return {
      small: options.small,
      large: options.large,
      completionMs,
      smallMs: round(median(runs.floor), 1),
      largeMs: round(median(runs.subject), 1),
      growth: spread.median,
      spread,
      countsRight,
    };
  } finally {
    await standIns.close();
  }
}
