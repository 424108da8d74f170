import autocannon, { type Result } from 'autocannon';
import { startChild } from './child.ts';
import { round } from './stats.ts';

/** One route under load: latency percentiles in ms, requests per second, and the answers by status. */
export interface LoadResult {
  readonly p50: number;
  readonly p99: number;
  readonly rps: number;
  readonly statuses: Record<string, number>;
  readonly errors: number;
}

/** Figure 4: POST /subscribe on the local runner against the floor route, alternated (ABBA). */
export interface LoadFigure {
  readonly connections: number;
  readonly seconds: number;
  readonly subscribe: LoadResult;
  readonly floor: LoadResult;
  readonly p99Ratio: number;
  /** True when every answer of /subscribe was 202 or 429 (no 4xx/5xx otherwise, no socket errors). */
  readonly onlyAllowedStatuses: boolean;
}

const LANGUAGES = ['en', 'be', 'ru'];
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
            body: JSON.stringify({ email: `load-${run}-${n}@bench.example`, language: LANGUAGES[n % 3] }),
          };
        },
      },
    ],
  });
}

function combine(results: Result[]): LoadResult {
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
    rps: round(
      mean((r) => r.requests.total / r.duration),
      0,
    ),
    statuses,
    errors: results.reduce((a, r) => a + r.errors + r.timeouts, 0),
  };
}

/** Runs figure 4: a warm-up of each route, then floor, subscribe, subscribe, floor for `seconds` / 2 each. */
export async function benchSubscribeLoad(options: { connections: number; seconds: number }): Promise<LoadFigure> {
  const api = await startChild<{ apiUrl: string; floorUrl: string }>('api-child.ts');
  try {
    const routes = { floor: api.ready.floorUrl, subscribe: `${api.ready.apiUrl}/subscribe` };
    const runs: Record<'floor' | 'subscribe', Result[]> = { floor: [], subscribe: [] };
    for (const url of Object.values(routes)) await load(url, options.connections, 1);
    for (const which of ['floor', 'subscribe', 'subscribe', 'floor'] as const) {
      await api.ask({ type: 'clear' });
      runs[which].push(await load(routes[which], options.connections, options.seconds / 2));
    }
    const subscribe = combine(runs.subscribe);
    const floor = combine(runs.floor);
    const allowed = Object.keys(subscribe.statuses).every((code) => code === '202' || code === '429');
    return {
      connections: options.connections,
      seconds: options.seconds,
      subscribe,
      floor,
      p99Ratio: round(subscribe.p99 / floor.p99, 3),
      onlyAllowedStatuses: allowed && subscribe.errors === 0,
    };
  } finally {
    await api.close();
  }
}
