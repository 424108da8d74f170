import type { ColdStart } from './cold-start.ts';
import type { KmsUnwrapFigure } from './kms-unwrap.ts';
import type { RenderFigure } from './render.ts';
import type { SendFigure } from './send.ts';
import { showRatio } from './stats.ts';
import type { LoadFigure } from './subscribe-load.ts';
import type { Row } from './table.ts';

/** A number with its unit, for a table cell. */
export const fmt = (x: number, unit: string, digits = 1) => `${x.toFixed(digits)} ${unit}`;

/** Rows of figure 1: the send against its floor, the throughput and the count in the SES stand-in. */
export function sendRows(f: SendFigure): Row[] {
  const fig = `1 send ${f.subscribers}`;
  return [
    {
      figure: fig,
      measure: `dispatch→deliver→SES, ${f.concurrency} batches at once, ${f.spread.ratios.length} pairs`,
      subject: fmt(f.pipelineMs / 1000, 's', 2),
      floor: fmt(f.floorMs / 1000, 's', 2),
      ratio: showRatio(f.spread),
      target: '≤ 1.25',
      ok: f.ratio <= 1.25,
    },
    {
      figure: fig,
      measure: 'recipients per second',
      subject: `${f.recipientsPerSecond}/s`,
      floor: `${Math.round((f.subscribers / f.floorMs) * 1000)}/s`,
      ratio: '',
      target: '',
    },
    {
      figure: fig,
      measure: 'DynamoDB calls per recipient',
      subject: f.dynamoCallsPerRecipient.toFixed(3),
      floor: f.dynamoOpsPerRecipient.floor.toFixed(3),
      ratio: '',
      target: '≤ 2.05',
      ok: f.dynamoCallsPerRecipient <= 2.05,
    },
    {
      figure: fig,
      measure: `opening sealed addresses (AES-GCM), ${f.encryption.opensPerRecipient} per recipient, ${f.encryption.usPerOpen} µs each: share of the send`,
      subject: `${(f.encryption.share * 100).toFixed(2)} %`,
      floor: '',
      ratio: '',
      target: '< 5 %',
      ok: f.encryption.share < 0.05,
    },
    {
      figure: fig,
      measure: 'e-mails in the SES stand-in (every run)',
      subject: String(f.emailsInStandIn),
      floor: '',
      ratio: '',
      target: `= ${f.subscribers}`,
      ok: f.runs.every((r) => r.emailsInStandIn === f.subscribers && r.distinctRecipients === f.subscribers),
      check: true,
    },
  ];
}

/** Rows of figure 2: a digest render per language and the per-recipient personalisation. */
export function renderRows(f: RenderFigure): Row[] {
  const rows: Row[] = Object.entries(f.renderMs).map(([lang, r]) => ({
    figure: '2 render',
    measure: `digest ${lang} (median; first ${r.first.toFixed(1)} ms)`,
    subject: fmt(r.median, 'ms', 3),
    floor: '',
    ratio: '',
    target: '≤ 0.3 ms',
    ok: r.median <= 0.3,
    ci: false,
  }));
  rows.push(
    {
      figure: '2 render',
      measure: 'personalise one recipient (median)',
      subject: fmt(f.personalizeUs.median, 'µs', 2),
      floor: '',
      ratio: '',
      target: '≤ 10 µs',
      ok: f.personalizeUs.median <= 10,
      ci: false,
    },
    {
      figure: '2 render',
      measure: 'sign manage link + personalise (median)',
      subject: fmt(f.linkAndPersonalizeUs.median, 'µs', 2),
      floor: '',
      ratio: '',
      target: '≤ 25 µs',
      ok: f.linkAndPersonalizeUs.median <= 25,
      ci: false,
    },
  );
  return rows;
}

/** Rows of figure 3: per function, the size above its baseline and the module initialisation time. */
export function coldStartRows(fns: readonly ColdStart[]): Row[] {
  return fns.flatMap((c): Row[] => [
    {
      figure: `3 cold ${c.fn}`,
      measure: `ours+libs (+${c.moreSdkKB.toFixed(0)} KB more SDK), total ${(c.bytes / 1024).toFixed(0)} KB`,
      subject: fmt(c.oursAndLibsKB, 'KB'),
      floor: fmt(c.baselineBytes / 1024, 'KB', 0),
      ratio: '',
      target: '≤ 150 KB',
      ok: c.oursAndLibsKB <= 150,
    },
    {
      figure: `3 cold ${c.fn}`,
      measure: 'no MJML, no dev dependency in the bundle',
      subject: c.forbidden.length === 0 ? 'none' : c.forbidden.join(','),
      floor: '',
      ratio: '',
      target: 'none',
      ok: c.forbidden.length === 0,
      check: true,
    },
    {
      figure: `3 cold ${c.fn}`,
      measure: `module init + ${c.secretFetches} secret fetch (both sides), fresh process, ${c.spread.ratios.length} pairs`,
      subject: fmt(c.initMs, 'ms'),
      floor: fmt(c.baselineInitMs, 'ms'),
      ratio: showRatio(c.spread),
      target: '≤ 1.2',
      ok: c.initRatio <= 1.2,
    },
  ]);
}

/** Rows of figure 4: POST /subscribe under load against its two floors, in interleaved rounds. */
export function loadRows(f: LoadFigure): Row[] {
  const fig = `4 subscribe ${f.connections}c`;
  const ms = (x: number) => fmt(x, 'ms', 0);
  return [
    {
      figure: fig,
      measure: `answer p50 vs counter+enqueue floor, ${f.pairs} rounds of ${f.seconds} s`,
      subject: ms(f.subscribe.p50),
      floor: ms(f.queueFloor.p50),
      ratio: showRatio(f.spread.queueP50),
      target: '≤ 1.5',
      ok: f.queueP50Ratio <= 1.5,
    },
    {
      figure: fig,
      measure: 'answer p99 vs counter+enqueue floor',
      subject: ms(f.subscribe.p99),
      floor: ms(f.queueFloor.p99),
      ratio: showRatio(f.spread.queueP99),
      target: '≤ 1.5',
      ok: f.queueP99Ratio <= 1.5,
    },
    {
      figure: fig,
      measure: 'request → confirmation accepted by SES, p50, vs end-to-end floor',
      subject: ms(f.confirmP50Ms.subscribe),
      floor: ms(f.confirmP50Ms.floor),
      ratio: showRatio(f.spread.confirmP50),
      target: '≤ 1.5',
      ok: f.confirmP50Ratio <= 1.5,
    },
    {
      figure: fig,
      measure: 'answer p50 / p99 vs end-to-end floor (≤ 1 by construction; reported)',
      subject: `${f.subscribe.p50.toFixed(0)} / ${f.subscribe.p99.toFixed(0)} ms`,
      floor: `${f.floor.p50.toFixed(0)} / ${f.floor.p99.toFixed(0)} ms`,
      ratio: `${f.p50Ratio.toFixed(2)} / ${f.p99Ratio.toFixed(2)}`,
      target: '',
    },
    {
      figure: fig,
      measure: `requests per second (subscribe: to the queue drained, median ${f.drainSeconds} s after)`,
      subject: String(f.subscribe.rps),
      floor: String(f.floor.rps),
      ratio: showRatio(f.spread.rps),
      target: '≥ 0.67',
      ok: f.rpsRatio >= 0.67,
    },
    {
      figure: fig,
      measure: 'answers (only 202 and 429 allowed)',
      subject: Object.entries(f.subscribe.statuses)
        .map(([code, n]) => `${code}×${n}`)
        .join(' '),
      floor: '',
      ratio: '',
      target: '202|429',
      ok: f.onlyAllowedStatuses,
      check: true,
    },
  ];
}

/** Rows of figure 3b: what unwrapping the address data key through KMS adds to a cold start (report only). */
export function kmsUnwrapRows(f: KmsUnwrapFigure): Row[] {
  const fig = '3b cold KMS unwrap';
  return [
    {
      figure: fig,
      measure: `1 data key at cold start, after the deliverer's clients and secret fetch: KMS SDK code (${f.sdkMs.toFixed(1)} ms), client, 1 Decrypt (stand-in on loopback), ${f.samples} fresh processes; floor: unwrapped locally`,
      subject: fmt(f.coldMs, 'ms'),
      floor: fmt(f.localMs, 'ms', 2),
      ratio: '',
      target: 'report',
    },
    {
      figure: fig,
      measure: 'again in the same process: a new client, 1 Decrypt',
      subject: fmt(f.againMs, 'ms'),
      floor: '',
      ratio: '',
      target: 'report',
    },
  ];
}
