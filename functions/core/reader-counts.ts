import type { Language } from './language.ts';
import type { Status, Subscription } from './subscription.ts';

/**
 * The counter cell a subscription is counted in: `<language>#<status>`, and for a pending one the UTC day its
 * confirmation window ends, `<language>#pending#<yyyy-mm-dd>`, so the counts can tell pending from lapsed without
 * reading a single subscription.
 */
export function countCell(sub: Pick<Subscription, 'language' | 'status' | 'expiresAt'>): string {
  if (sub.status !== 'pending' || sub.expiresAt === undefined) return `${sub.language}#${sub.status}`;
  return `${sub.language}#pending#${dayOf(sub.expiresAt)}`;
}

/** How many counter cells change with one transition: -1 on the old cell, +1 on the new (none when equal). */
export function cellDeltas(from: string | undefined, to: string | undefined): Record<string, number> {
  if (from === to) return {};
  return { ...(from ? { [from]: -1 } : {}), ...(to ? { [to]: 1 } : {}) };
}

/** Subscribers per language and status; a pending subscription past its window counts as `expired`. */
export interface SubscriberStats {
  readonly total: number;
  readonly languages: Partial<Record<Language, Partial<Record<Status | 'expired', number>>>>;
}

/** Days a lapsed pending request stays in the counts as `expired` (DynamoDB's TTL deletes the record after it). */
export const EXPIRED_DAYS = 7;

/**
 * Adds the counter cells up into the statistics at `now`. A pending request whose window ends today or later is
 * `pending`; one whose window ended in the last EXPIRED_DAYS days is `expired`; older lapsed requests are not
 * counted (their records are deleted by TTL). Cells at zero are left out.
 */
export function statsFromCells(cells: Readonly<Record<string, number>>, now: number): SubscriberStats {
  const today = dayOf(now);
  const oldest = dayOf(now - EXPIRED_DAYS * 86_400_000);
  const languages: Record<string, Record<string, number>> = {};
  let total = 0;
  for (const [cell, n] of Object.entries(cells)) {
    const [language, status, day] = cell.split('#') as [string, string, string | undefined];
    let shown = status;
    if (status === 'pending' && day !== undefined) {
      if (day < oldest) continue;
      if (day < today) shown = 'expired';
    }
    if (n === 0) continue;
    const row = languages[language] ?? {};
    row[shown] = (row[shown] ?? 0) + n;
    languages[language] = row;
    total += n;
  }
  return { total, languages: languages as SubscriberStats['languages'] };
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
