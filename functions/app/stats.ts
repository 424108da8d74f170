import type { Language } from '../core/language.ts';
import type { Status } from '../core/subscription.ts';
import type { SubscriberScan } from './ports/subscriber-scan.ts';

/** Subscribers per language and status; a pending subscription past its window counts as `expired`. */
export interface SubscriberStats {
  readonly total: number;
  readonly languages: Partial<Record<Language, Partial<Record<Status | 'expired', number>>>>;
}

/** Counts subscribers per language and status. */
export async function subscriberStats(scan: SubscriberScan, now: number): Promise<SubscriberStats> {
  const languages: Partial<Record<Language, Partial<Record<Status | 'expired', number>>>> = {};
  let total = 0;
  for await (const page of scan.facts()) {
    for (const f of page) {
      const status = f.status === 'pending' && f.expiresAt !== undefined && f.expiresAt <= now ? 'expired' : f.status;
      const row = languages[f.language] ?? {};
      row[status] = (row[status] ?? 0) + 1;
      languages[f.language] = row;
      total++;
    }
  }
  return { total, languages };
}
