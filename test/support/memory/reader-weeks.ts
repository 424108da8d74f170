import type { ReaderWeekEvent, ReaderWeeks, WeekCounts } from '../../../functions/app/ports/reader-weeks.ts';

/** Per week and event, the set of reader ids, with the DynamoDB adapter's set semantics. */
export class MemoryReaderWeeks implements ReaderWeeks {
  readonly weeks = new Map<string, Set<string>>();

  /** Adds the reader to the week's set of `event`. */
  async mark(week: string, subscriberId: string, event: ReaderWeekEvent, _now?: number): Promise<void> {
    const key = `${week}/${event}`;
    this.weeks.set(key, (this.weeks.get(key) ?? new Set<string>()).add(subscriberId));
  }

  /** Takes the reader out of the weeks' sets. */
  async forget(subscriberId: string, weeks: readonly string[]): Promise<void> {
    for (const week of weeks)
      for (const event of ['confirmed', 'unsubscribed']) this.weeks.get(`${week}/${event}`)?.delete(subscriberId);
  }

  /** The week's sets' sizes. */
  async counts(week: string): Promise<WeekCounts> {
    return {
      confirmed: this.weeks.get(`${week}/confirmed`)?.size ?? 0,
      unsubscribed: this.weeks.get(`${week}/unsubscribed`)?.size ?? 0,
    };
  }

  /** Each week's sets' sizes. */
  async countsOf(weeks: readonly string[]): Promise<WeekCounts[]> {
    return Promise.all(weeks.map((w) => this.counts(w)));
  }
}
