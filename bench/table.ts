/** One line of the printed table: a measure, the subject, its floor, their ratio and the target it must meet. */
export interface Row {
  readonly figure: string;
  readonly measure: string;
  readonly subject: string;
  readonly floor: string;
  readonly ratio: string;
  readonly target: string;
  /** undefined: reported only. */
  readonly ok?: boolean;
  /** A correctness check (counts, forbidden packages, statuses) rather than a timing. */
  readonly check?: boolean;
  /** A timing target whose small-size spread on a busy 2-core machine stays inside it: enforced by `--strict --ci`. */
  readonly ci?: boolean;
}

const HEAD: Row = {
  figure: 'figure',
  measure: 'measure',
  subject: 'measured',
  floor: 'floor/baseline',
  ratio: 'ratio',
  target: 'target',
};

const verdict = (r: Row) => `${r.ok === undefined ? '' : r.ok ? 'yes' : 'MISS'}${r.ci ? ' (CI)' : ''}`;

/** Lays the rows out as a fixed-width text table with a verdict column. */
export function formatTable(rows: readonly Row[]): string {
  const cols = ['figure', 'measure', 'subject', 'floor', 'ratio', 'target'] as const;
  const all = [HEAD, ...rows];
  const width = cols.map((c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: Row, verdict: string) =>
    `${cols.map((c, i) => (i >= 2 && i <= 4 ? r[c].padStart(width[i] as number) : r[c].padEnd(width[i] as number))).join('  ')}  ${verdict}`;
  const rule = '-'.repeat(width.reduce((a, b) => a + b + 2, 0) + 4);
  return [line(HEAD, 'ok'), rule, ...rows.map((r) => line(r, verdict(r)))].join('\n');
}
