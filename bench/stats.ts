/** The median of some numbers (NaN when there are none). */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** The q-quantile (0..1) by linear interpolation between the sorted values. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}

/** Milliseconds since `start` (a value of performance.now()). */
export function since(start: number): number {
  return performance.now() - start;
}

/** Rounds to `digits` decimals for the table and the JSON. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Runs `task` on every item with at most `limit` in flight. */
export async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A ratio taken from interleaved pairs: one subject/floor ratio per pair, their median and their spread. */
export interface PairedRatio {
  readonly ratios: number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Runs `pairs` pairs of floor and subject, alternating which goes first (F S, S F, F S, …: the A B B A order), so a
 * drift in the machine's load falls on both sides alike; returns the values of each side in pair order.
 */
export async function interleaved<T>(
  pairs: number,
  run: (side: 'floor' | 'subject', pair: number) => Promise<T>,
): Promise<{ floor: T[]; subject: T[] }> {
  const out = { floor: [] as T[], subject: [] as T[] };
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 === 0 ? (['floor', 'subject'] as const) : (['subject', 'floor'] as const);
    for (const side of order) out[side].push(await run(side, i));
  }
  return out;
}

/** The per-pair ratios subject[i] / floor[i], their median and their minimum and maximum. */
export function pairedRatio(subject: readonly number[], floor: readonly number[]): PairedRatio {
  const ratios = subject.map((s, i) => round(s / (floor[i] as number), 3));
  return { ratios, median: round(median(ratios), 3), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** A ratio for the table: the median and, in brackets, the spread over the pairs. */
export function showRatio(r: PairedRatio): string {
  return r.ratios.length > 1 ? `${r.median.toFixed(2)} (${r.min.toFixed(2)}–${r.max.toFixed(2)})` : r.median.toFixed(2);
}
