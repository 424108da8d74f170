import type { RecipientIndex } from '../../../functions/app/ports/recipient-index.ts';
import type { SubscriberDataStore } from '../../../functions/app/ports/subscriber-data-store.ts';
import type { SubscriberStore } from '../../../functions/app/ports/subscriber-store.ts';
import { ConcurrentUpdateError } from '../../../functions/core/errors.ts';
import { shardOf } from '../../../functions/core/identity.ts';
import type { Language } from '../../../functions/core/language.ts';
import type { Subscription } from '../../../functions/core/subscription.ts';

/** Subscriptions in a Map, with the same optimistic versions and the same sparse index of confirmed readers. */
export class MemorySubscriberStore implements SubscriberStore, RecipientIndex, SubscriberDataStore {
  readonly items = new Map<string, Subscription>();

  constructor(readonly shards = 4) {}

  /** One subscription, or undefined. */
  async get(id: string): Promise<Subscription | undefined> {
    const sub = this.items.get(id);
    return sub ? structuredClone(sub) : undefined;
  }

  /** Stores when the version still matches; ConcurrentUpdateError otherwise. */
  async save(sub: Subscription): Promise<Subscription> {
    const current = this.items.get(sub.id);
    if ((current?.version ?? 0) !== sub.version || (sub.version === 0 && current))
      throw new ConcurrentUpdateError({ subscriberId: sub.id });
    const stored = { ...structuredClone(sub), version: sub.version + 1 };
    this.items.set(sub.id, stored);
    return structuredClone(stored);
  }

  /** Confirmed readers of a language in one shard, by id, after `after`. */
  async pageConfirmed(
    language: Language,
    shard: number,
    after: string | undefined,
    limit: number,
  ): Promise<{ ids: string[]; last?: string }> {
    const ids = [...this.items.values()]
      .filter((s) => s.status === 'confirmed' && s.language === language && shardOf(s.id, this.shards) === shard)
      .map((s) => s.id)
      .sort()
      .filter((id) => after === undefined || id > after)
      .slice(0, limit);
    // Like DynamoDB, a full page says there may be more.
    return ids.length === limit ? { ids, last: ids[ids.length - 1] as string } : { ids };
  }

  /** Removes a subscription. */
  async delete(id: string): Promise<boolean> {
    return this.items.delete(id);
  }
}
