import autocannon, { type Result } from 'autocannon';
import { LANGUAGES } from '../functions/core/language.ts';
import { startChild } from './child.ts';
import { median, type PairedRatio, pairedRatio, round } from './stats.ts';

/** One route under load: latency percentiles in ms, requests per second, and the answers by status. */
export interface LoadResult {
  readonly p50: number;
  readonly p99: number;
  readonly rps: number;
  readonly statuses: Record<string, number>;
  readonly errors: number;
}

/**
 * Figure 4: POST /subscribe on the local runner against two floor routes, interleaved. The queue floor does what a
 * subscribe strictly does before answering (client counter, enqueue): subscribe's answer latency is held to it. The
 * confirmation floor does the I/O from request to confirmation e-mail end to end in the request (counter,
 * conditional write, SendEmail): the time from a request to its e-mail accepted by the SES stand-in is held to it,
 * and so are the requests per second (subscribe's run lasts until its confirmation queue is empty).
 */
export interface LoadFigure {
  readonly connections: number;
  readonly seconds: number;
  readonly subscribe: LoadResult;
  /** The confirmation floor (the `floor` of earlier runs). */
  readonly floor: LoadResult;
  readonly queueFloor: LoadResult;
  readonly pairs: number;
  /** Against the confirmation floor, kept for the tools that read them (p50/p99 are ≤ 1 by construction). */
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  readonly rpsRatio: number;
  /** Answer latency against the queue floor. */
  readonly queueP50Ratio: number;
  readonly queueP99Ratio: number;
  /** Median time from request to the confirmation accepted by SES, against the confirmation floor's. */
  readonly confirmP50Ratio: number;
  /** Median ms from request to SES acceptance, per side (median over the runs). */
  readonly confirmP50Ms: { subscribe: number; floor: number };
  /** Per run, one ratio each, run in rotating order (queue floor, subscribe, confirmation floor, then reversed). */
  readonly spread: {
    p50: PairedRatio;
    p99: PairedRatio;
    rps: PairedRatio;
    queueP50: PairedRatio;
    queueP99: PairedRatio;
    confirmP50: PairedRatio;
  };
  /** Median seconds the confirmation queue took to empty after a subscribe run's load stopped. */
  readonly drainSeconds: number;
  /** True when every answer of /subscribe was 202 or 429 (no 4xx/5xx otherwise, no socket errors). */
  readonly onlyAllowedStatuses: boolean;
}

let sequence = 0;

/** When each request was built, by address, in epoch ms (the child's SES stand-in stamps acceptance the same way). */
let sentAt = new Map<string, number>();

/** Every request gets its own address and its own client IP (10.x.y.z), so no client hits its rate limit. */
async function load(url: string, connections: number, seconds: number): Promise<Result> {
  const run = ++sequence;
  let n = 0;
  sentAt = new Map();
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest(req) {
          const i = ++n + run * 1_000_000;
          const email = `load-${run}-${n}@bench.example`;
          sentAt.set(email, performance.timeOrigin + performance.now());
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            },
            body: JSON.stringify({
              email,
              language: LANGUAGES[n % LANGUAGES.length],
            }),
          };
        },
      },
    ],
  });
}

/** Requests per second of a run that lasted `extraSeconds` beyond autocannon's own duration. */
function perSecond(r: Result, extraSeconds = 0): number {
  return r.requests.total / (r.duration + extraSeconds);
}

function combine(results: Result[], extraSeconds: readonly number[] = []): LoadResult {
  const statuses: Record<string, number> = {};
  for (const r of results)
    for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {}))
      statuses[code] = (statuses[code] ?? 0) + Number(count);
  const mean = (f: (r: Result) => number) => results.reduce((a, r) => a + f(r), 0) / results.length;
  return {
    p50: round(
      mean((r) => r.latency.p50),
      1,
    ),
    p99: round(
      mean((r) => r.latency.p99),
      1,
    ),
    rps: round(results.reduce((a, r, i) => a + perSecond(r, extraSeconds[i]), 0) / results.length, 0),
    statuses,
    errors: results.reduce((a, r) => a + r.errors + r.timeouts, 0),
  };
}

interface Run {
  result: Result;
  /** Median ms from a request built to its e-mail accepted by the SES stand-in (requests mailed only). */
  confirmP50: number;
  drainSeconds: number;
}

/** Runs figure 4: a warm-up of each route, then `pairs` rounds of queue floor, subscribe and confirmation floor,
 * the order reversed every other round, `seconds` each. */
export async function benchSubscribeLoad(options: {
  connections: number;
  seconds: number;
  pairs: number;
}): Promise<LoadFigure> {
  const api = await startChild<{ apiUrl: string; floorUrl: string; queueFloorUrl: string }>('api-child.ts');
  try {
    const routes = {
      queue: api.ready.queueFloorUrl,
      floor: api.ready.floorUrl,
      subscribe: `${api.ready.apiUrl}/subscribe`,
    };
    for (const url of Object.values(routes)) await load(url, options.connections, 1);
    await api.ask({ type: 'drain' });
    const once = async (side: keyof typeof routes): Promise<Run> => {
      await api.ask({ type: 'clear' });
      const result = await load(routes[side], options.connections, options.seconds);
      const start = performance.now();
      if (side === 'subscribe') await api.ask({ type: 'drain' });
      const drainSeconds = (performance.now() - start) / 1000;
      const accepted = await api.ask<Record<string, number>>({ type: 'accepted' });
      const waits = [...sentAt].filter(([e]) => accepted[e] !== undefined).map(([e, t]) => (accepted[e] as number) - t);
      return { result, confirmP50: median(waits), drainSeconds };
    };
    const runs = { queue: [] as Run[], subscribe: [] as Run[], floor: [] as Run[] };
    for (let i = 0; i < options.pairs; i++) {
      const order =
        i % 2 === 0 ? (['queue', 'subscribe', 'floor'] as const) : (['floor', 'subscribe', 'queue'] as const);
      for (const side of order) runs[side].push(await once(side));
    }
    const drains = runs.subscribe.map((r) => r.drainSeconds);
    const vs = (floor: Run[], f: (r: Run) => number) => pairedRatio(runs.subscribe.map(f), floor.map(f));
    const p50 = (r: Run) => r.result.latency.p50;
    const p99 = (r: Run) => r.result.latency.p99;
    const spread = {
      p50: vs(runs.floor, p50),
      p99: vs(runs.floor, p99),
      rps: vs(runs.floor, (r) => perSecond(r.result, r.drainSeconds)),
      queueP50: vs(runs.queue, p50),
      queueP99: vs(runs.queue, p99),
      confirmP50: vs(runs.floor, (r) => r.confirmP50),
    };
    const subscribe = combine(
      runs.subscribe.map((r) => r.result),
      drains,
    );
    const allowed = Object.keys(subscribe.statuses).every((code) => code === '202' || code === '429');
    return {
      connections: options.connections,
      seconds: options.seconds,
      subscribe,
      floor: combine(runs.floor.map((r) => r.result)),
      queueFloor: combine(runs.queue.map((r) => r.result)),
      pairs: options.pairs,
      p50Ratio: spread.p50.median,
      p99Ratio: spread.p99.median,
      rpsRatio: spread.rps.median,
      queueP50Ratio: spread.queueP50.median,
      queueP99Ratio: spread.queueP99.median,
      confirmP50Ratio: spread.confirmP50.median,
      confirmP50Ms: {
        subscribe: round(median(runs.subscribe.map((r) => r.confirmP50)), 0),
        floor: round(median(runs.floor.map((r) => r.confirmP50)), 0),
      },
      spread,
      drainSeconds: round(median(drains), 2),
      onlyAllowedStatuses: allowed && subscribe.errors === 0,
    };
  } finally {
    await api.close();
  }
}
