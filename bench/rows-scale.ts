import type { DispatchFigure } from './dispatch.ts';
import type { PacingFigure } from './pacing.ts';
import type { ReportFigure } from './report.ts';
import { fmt } from './rows.ts';
import { median, showRatio } from './stats.ts';
import type { Row } from './table.ts';

/** Rows of figure 5: dispatch of one edition against its floor (same queries, bare SendMessageBatch calls). */
export function dispatchRows(f: DispatchFigure): Row[] {
  const fig = `5 dispatch ${f.readers}`;
  return [
    {
      figure: fig,
      measure: `page→SendMessageBatch→checkpoint, median of ${f.subject.length} pairs (spread)`,
      subject: fmt(median(f.subject.map((r) => r.ms)) / 1000, 's', 2),
      floor: fmt(median(f.floor.map((r) => r.ms)) / 1000, 's', 2),
      ratio: showRatio(f.spread),
      target: '≤ 1.25',
      ok: f.ratio <= 1.25,
    },
    {
      figure: fig,
      measure: 'readers queued per second',
      subject: `${f.readersPerSecond}/s`,
      floor: `${f.floorReadersPerSecond}/s`,
      ratio: '',
      target: '',
    },
    {
      figure: fig,
      measure: 'every reader queued once (none twice), SendMessageBatch only',
      subject: f.queuedEveryReaderOnce ? 'yes' : 'no',
      floor: '',
      ratio: '',
      target: 'yes',
      ok: f.queuedEveryReaderOnce,
      check: true,
    },
  ];
}

/** Rows of figure 6: the deliverers at the stack's concurrency against an SES that enforces its rate, with SES's
 * latency added per call; per run the share of R, why (deliverers busy, SES call, pacer wait), throttling, count. */
export function pacingRows(f: PacingFigure): Row[] {
  const fig = `6 pacing ${f.rate}/s`;
  const paced = f.perInvocation ? `paced ${f.perInvocation}/s each` : 'not paced';
  const gap = f.perInvocation ? `${Math.round(1000 / f.perInvocation)} ms` : '';
  return f.runs.flatMap((r): Row[] => [
    {
      figure: fig,
      measure: `+${r.latencyMs} ms a call: ${f.emails} e-mails, ${f.concurrency} deliverers${r.messagesAtOnce > 1 ? ` × ${r.messagesAtOnce} messages at once` : ''} (${paced}): share of R`,
      subject: `${r.achievedRate}/s`,
      floor: `${f.rate}/s`,
      ratio: r.achievedShare.toFixed(2),
      target: '≥ 0.9',
      ok: r.achievedShare >= 0.9,
    },
    {
      figure: fig,
      measure: `+${r.latencyMs} ms: deliverers busy ${r.busyShare.toFixed(2)}; per e-mail SES ${r.sesCallMs} ms, pacer wait ${r.paceWaitMs} ms; wall per e-mail per invocation`,
      subject: `${r.msPerSendPerInvocation} ms`,
      floor: gap,
      ratio: '',
      target: '',
    },
    {
      figure: fig,
      measure: `+${r.latencyMs} ms: SendEmail calls throttled (${r.calls.throttle} of ${r.calls.pass + r.calls.throttle})`,
      subject: r.throttledShare.toFixed(3),
      floor: '',
      ratio: '',
      target: '≤ 0.05',
      ok: r.throttledShare <= 0.05,
    },
    {
      figure: fig,
      measure: `+${r.latencyMs} ms: e-mails in the SES stand-in`,
      subject: String(r.emailsInStandIn),
      floor: '',
      ratio: '',
      target: `= ${f.emails}`,
      ok: r.emailsInStandIn === f.emails,
      check: true,
    },
  ]);
}

/** Rows of figure 7: the editors' report at two list sizes (it should not grow with readers). */
export function reportRows(f: ReportFigure): Row[] {
  const fig = `7 report ${f.large}`;
  return [
    {
      figure: fig,
      measure: `report of a sent edition (mean of 10), ${f.large} vs ${f.small} readers, 1% bounced (growth)`,
      subject: fmt(f.largeMs, 'ms', 1),
      floor: fmt(f.smallMs, 'ms', 1),
      ratio: showRatio(f.spread),
      target: '≤ 2',
      ok: f.growth <= 2,
    },
    {
      figure: fig,
      measure: 'end of the edition (figure 8), for scale',
      subject: fmt(f.completionMs.large, 'ms', 0),
      floor: fmt(f.completionMs.small, 'ms', 0),
      ratio: '',
      target: '',
    },
    {
      figure: fig,
      measure: 'every seeded delivery counted as sent, every hundredth as bounced',
      subject: f.countsRight ? 'yes' : 'no',
      floor: '',
      ratio: '',
      target: 'yes',
      ok: f.countsRight,
      check: true,
    },
  ];
}
