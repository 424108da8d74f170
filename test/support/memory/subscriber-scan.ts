import type { SubscriberFacts, SubscriberScan } from '../../../functions/app/ports/subscriber-scan.ts';
import type { MemorySubscriberStore } from './subscriber-store.ts';

/** The facts the statistics count, read from in-memory subscriptions, in pages of `pageSize`. */
export class MemorySubscriberScan implements SubscriberScan {
  constructor(
    private readonly subscribers: MemorySubscriberStore,
    private readonly pageSize = 100,
  ) {}

  /** Pages through the subscriptions' language, status and dates. */
  async *facts(): AsyncGenerator<SubscriberFacts[]> {
    const all = [...this.subscribers.items.values()].map(
      ({ language, status, expiresAt, confirmedAt, unsubscribedAt }) => ({
        language,
        status,
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(confirmedAt === undefined ? {} : { confirmedAt }),
        ...(unsubscribedAt === undefined ? {} : { unsubscribedAt }),
      }),
    );
    for (let i = 0; i < all.length; i += this.pageSize) yield all.slice(i, i + this.pageSize);
  }
}
