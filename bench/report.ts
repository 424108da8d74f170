import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/adapters/dynamo/keys.ts';
import { TABLE } from '../functions/adapters/dynamo/table.ts';
import { editionReport, type ReportDeps } from '../functions/app/report.ts';
import { LANGUAGES, type Language } from '../functions/core/language.ts';
import type { SendContext } from '../functions/wiring/send.ts';
import { writeAll } from './seed.ts';
import { interleaved, median, type PairedRatio, pairedRatio, round, since } from './stats.ts';

/**
 * Figure 7: the editors' report of a sent edition at two list sizes, timed in interleaved pairs once each edition
 * completed (its summary stored); the completion itself is the end-of-edition figure (bench/end.ts).
 */
export interface ReportFigure {
  readonly small: number;
  readonly large: number;
  /** The end of each edition (schedule, check, full read, summary, report mailed): bench/end.ts's medians. */
  readonly completionMs: { readonly small: number; readonly large: number };
  readonly smallMs: number;
  readonly largeMs: number;
  /** Report time at `large` readers over report time at `small` (the median of the pairs). */
  readonly growth: number;
  readonly spread: PairedRatio;
  /** True when both reports counted every seeded delivery as sent and every hundredth as bounced. */
  readonly countsRight: boolean;
}

export const BOUNCE_EVERY = 100;
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

/**
 * Seeds a dispatched edition of `size` readers, every one of them sent (BatchWriteItem, 16 calls in flight, through
 * `bulk`), one in a hundred bounced (its delivery record and the edition's bounce set say so).
 */
export async function seedSentEdition(
  ctx: SendContext,
  edition: string,
  size: number,
  now: number,
  bulk: DynamoDBDocumentClient = ctx.db,
): Promise<void> {
  const planned = Object.fromEntries(LANGUAGES.map((l, i) => [l, Math.ceil((size - i) / 3)]));
  const record = { edition, status: 'dispatching' as const, owner: 'bench', leaseUntil: now, startedAt: now };
  await ctx.sends.claim({ ...record, languages: {}, skipped: [], planned, checkpoint: {} }, now);
  await ctx.sends.finish(edition, 'bench', now);
  const items = Array.from({ length: size }, (_, i) => sentRecord(edition, i, ctx.config.SHARDS, now));
  const bounced = items.filter((_, i) => i % BOUNCE_EVERY === 0);
  for (const item of bounced) item.status = 'bounced';
  await writeAll(bulk, ctx.config.TABLE_NAME, items, 16);
  for (let i = 0; i < bounced.length; i += 25)
    await Promise.all(
      bounced
        .slice(i, i + 25)
        .map((b) => ctx.feedback.mark(edition, b.sk as string, b.language as Language, 'bounced', now)),
    );
}

/** Times the reports of two completed editions (`floor`: the small one) in interleaved pairs. */
export async function timeReports(
  deps: ReportDeps,
  editions: { floor: string; subject: string },
  sizes: { floor: number; subject: number },
  pairs: number,
  completionMs: ReportFigure['completionMs'],
): Promise<ReportFigure> {
  let countsRight = true;
  // A report is a few milliseconds now: each sample is the mean of REPEAT reports in a row, so that one pair is
  // not a single scheduling hiccup on a shared machine.
  const once = async (side: 'floor' | 'subject') => {
    const start = performance.now();
    for (let r = 0; r < REPEAT; r++) {
      const report = await editionReport(deps, editions[side]);
      const sum = (k: 'sent' | 'bounced') => Object.values(report.languages).reduce((a, l) => a + (l?.[k] ?? 0), 0);
      if (sum('sent') !== sizes[side] || sum('bounced') !== Math.ceil(sizes[side] / BOUNCE_EVERY)) countsRight = false;
    }
    return since(start) / REPEAT;
  };
  await once('floor');
  await once('subject');
  const runs = await interleaved(pairs, once);
  const spread = pairedRatio(runs.subject, runs.floor);
  return {
    small: sizes.floor,
    large: sizes.subject,
    completionMs,
    smallMs: round(median(runs.floor), 1),
    largeMs: round(median(runs.subject), 1),
    growth: spread.median,
    spread,
    countsRight,
  };
}
