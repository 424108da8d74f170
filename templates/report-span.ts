const HOUR = 3_600_000;

/**
 * The report's line on a send that took more than a day (from its start to its end seen): it waited for SES (its
 * 24-hour quota spent, or sending paused) and resumed on its own; none for a send within a day or without a span.
 */
export function spanLines(span?: { startedAt: number; finishedAt: number }): string[] {
  const hours = span ? Math.floor((span.finishedAt - span.startedAt) / HOUR) : 0;
  if (!span || hours < 24) return [];
  const iso = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
  return [
    `waited: sending took ${Math.floor(hours / 24)} d ${hours % 24} h (${iso(span.startedAt)} to ${iso(span.finishedAt)} UTC): SES's 24-hour quota or a sending pause held it back; it resumed on its own, nobody was mailed twice`,
  ];
}
