import autocannon, { type Result } from 'autocannon';
import { LANGUAGES } from '../functions/core/language.ts';
import { startChild } from './child.ts';
import { interleaved, median, type PairedRatio, pairedRatio, round } from './stats.ts';

/** One route under load: latency percentiles in ms, requests per second, and the answers by status. */
export interface LoadResult {
  readonly p50: number;
  readonly p99: number;
  readonly rps: number;
  readonly statuses: Record<string, number>;
  readonly errors: number;
}

/**
 * Figure 4: POST /subscribe on the local runner against the floor route, alternated (ABBA). The floor does on its
 * request path what a subscribe strictly needs (client counter, conditional write, SendEmail); subscribe answers once
 * the request is queued and mails from the queue, so its run lasts until the queue is empty: its requests per second
 * are the answers over the load time plus that drain.
 */
export interface LoadFigure {
  readonly connections: number;
  readonly seconds: number;
  readonly subscribe: LoadResult;
  readonly floor: LoadResult;
  readonly pairs: number;
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  readonly rpsRatio: number;
  /** Per (floor, subscribe) pair, run A B B A: the ratios of p50, p99 and requests per second. */
  readonly spread: { p50: PairedRatio; p99: PairedRatio; rps: PairedRatio };
  /** Median seconds the confirmation queue took to empty after a subscribe run's load stopped. */
  readonly drainSeconds: number;
  /** True when every answer of /subscribe was 202 or 429 (no 4xx/5xx otherwise, no socket errors). */
  readonly onlyAllowedStatuses: boolean;
}

let sequence = 0;

/** Every request gets its own address and its own client IP (10.x.y.z), so no client hits its rate limit. */
async function load(url: string, connections: number, seconds: number): Promise<Result> {
  const run = ++sequence;
  let n = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest(req) {
          const i = ++n + run * 1_000_000;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            },
            body: JSON.stringify({
              email: `load-${run}-${n}@bench.example`,
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

/** Runs figure 4: a warm-up of each route, then `pairs` pairs of floor and subscribe (A B B A), `seconds` each. */
export async function benchSubscribeLoad(options: {
  connections: number;
  seconds: number;
  pairs: number;
}): Promise<LoadFigure> {
  const api = await startChild<{ apiUrl: string; floorUrl: string }>('api-child.ts');
  try {
    const routes = { floor: api.ready.floorUrl, subscribe: `${api.ready.apiUrl}/subscribe` };
    for (const url of Object.values(routes)) await load(url, options.connections, 1);
    await api.ask({ type: 'drain' });
    const drains: number[] = [];
    const runs = await interleaved(options.pairs, async (side) => {
      await api.ask({ type: 'clear' });
      const result = await load(
        side === 'floor' ? routes.floor : routes.subscribe,
        options.connections,
        options.seconds,
      );
      if (side === 'subject') {
        const start = performance.now();
        await api.ask({ type: 'drain' });
        drains.push((performance.now() - start) / 1000);
      }
      return result;
    });
    const subscribe = combine(runs.subject, drains);
    const floor = combine(runs.floor);
    const ratio = (f: (r: Result) => number) => pairedRatio(runs.subject.map(f), runs.floor.map(f));
    const spread = {
      p50: ratio((r) => r.latency.p50),
      p99: ratio((r) => r.latency.p99),
      rps: pairedRatio(
        runs.subject.map((r, i) => perSecond(r, drains[i])),
        runs.floor.map((r) => perSecond(r)),
      ),
    };
    const allowed = Object.keys(subscribe.statuses).every((code) => code === '202' || code === '429');
    return {
      connections: options.connections,
      seconds: options.seconds,
      subscribe,
      floor,
      pairs: options.pairs,
      p50Ratio: spread.p50.median,
      p99Ratio: spread.p99.median,
      rpsRatio: spread.rps.median,
      spread,
      drainSeconds: round(median(drains), 2),
      onlyAllowedStatuses: allowed && subscribe.errors === 0,
    };
  } finally {
    await api.close();
  }
}
