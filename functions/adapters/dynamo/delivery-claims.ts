import { randomBytes, randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Claim, HeldClaim } from '../../app/ports/delivery-store.ts';
import { isEdition, nextEdition, previousEdition } from '../../core/edition.ts';
import type { Language } from '../../core/language.ts';
import type { Subscription } from '../../core/subscription.ts';
import { isConditionFailure } from './client.ts';
import { anyOf, type Condition, IS_NEW, putIf, updateIf } from './conditional-write.ts';
import { DELIVERY_RECORD_MS } from './delivery-items.ts';
import { type ItemKey, keys } from './keys.ts';
import type { Item } from './pager.ts';
import { TABLE } from './table.ts';

/**
 * A reader's claim of one edition's delivery is an attribute of the reader's own item, `claim#<edition>`: its id,
 * time and count of claims, and `released` once given back for a retry. One per edition, so editions sent in any
 * order (an older one after a newer one, two at once) each claim once.
 */
export const CLAIM_PREFIX = 'claim#';
/**
 * The status of a fence: the delivery record's place of a reader erased while a claim was under way, kept only until
 * that claim settles (into an anonymous record) or the reader's batch comes back (ReaderClaims.fence).
 */
export const FENCE = 'fence';
/** Claims are kept for this many editions before the one claimed; an older one claimed again reads its record. */
const CLAIMS_KEPT = 8;
/** Older claims a claim removes as it goes (a reader claimed weekly keeps at most CLAIMS_KEPT + 1). */
const PRUNED = 12;
const FENCE_MS = 30 * 86_400_000;

/** A claim as the reader's item holds it: its id, time and count of claims, and whether it was given back. */
export interface StoredClaim {
  readonly id: string;
  readonly at: number;
  readonly n: number;
  readonly released?: boolean;
}

/**
 * A claim as stored: one short string, `<n>.<at>.<id>` (`.r` after it once released), about 42 bytes with its name,
 * so that a reader's item with its kept claims stays under 1 KB (one write unit per claim).
 */
export function encodeClaim(c: StoredClaim): string {
  return `${c.n}.${c.at}.${c.id}${c.released ? '.r' : ''}`;
}

export function decodeClaim(stored: unknown): StoredClaim | undefined {
  if (typeof stored !== 'string') return undefined;
  const [n, at, id, released] = stored.split('.');
  return { n: Number(n), at: Number(at), id: String(id), ...(released === 'r' ? { released: true } : {}) };
}

const newClaimId = (): string => randomBytes(9).toString('base64url');

export const claimAttribute = (edition: string): string => `${CLAIM_PREFIX}${edition}`;

/** A record the delivery is done with (settled, or fenced): nothing claims it again. */
export const isFinal = (item: Item | undefined): boolean =>
  item !== undefined && item.status !== 'sending' && item.status !== 'retry';

/** A delivery record a settle may write over: none yet, or one from before claims moved (sending, retry). */
export const OPEN: Condition = anyOf(IS_NEW, {
  expression: '#status IN (:sending, :retry)',
  names: { '#status': 'status' },
  values: { ':sending': 'sending', ':retry': 'retry' },
});

/** The names of the claims a claim of `edition` removes: those of CLAIMS_KEPT to CLAIMS_KEPT + PRUNED editions before. */
function pruned(edition: string): string[] {
  if (!isEdition(edition)) return [];
  const out: string[] = [];
  let e = edition;
  for (let k = 1; k < CLAIMS_KEPT + PRUNED; k++) {
    e = previousEdition(e);
    if (k >= CLAIMS_KEPT) out.push(claimAttribute(e));
  }
  return out;
}

/** Reads the reader and its claim in one place: the claim's own write, its re-read, the delivery record. */
export class ReaderClaims {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly shards: number,
    private readonly parse: (item: Item) => Subscription,
  ) {}

  /**
   * One conditional update of the reader's item: confirmed, and no claim of this edition (or one released). It bumps
   * the reader's version, so a save from an older read cannot drop the claim. Refused, the re-read (and, only when a
   * claim is there, the delivery record) tells gone, not confirmed, held, settled, or a stale claim to take over.
   */
  async claim(edition: string, id: string, language: Language, now: number, staleBefore: number): Promise<Claim> {
    const fresh: StoredClaim = { id: newClaimId(), at: now, n: 1 };
    const prune = pruned(edition);
    const outcome = await updateIf(
      this.db,
      this.tableName,
      keys.subscriber(id),
      {
        set: ['#claim = :claim'],
        add: ['#version :one'],
        remove: prune.map((_, i) => `#old${i}`),
        names: { ...this.names(edition), ...Object.fromEntries(prune.map((name, i) => [`#old${i}`, name])) },
        values: { ':claim': encodeClaim(fresh), ':one': 1 },
      },
      { expression: '#status = :confirmed AND attribute_not_exists(#claim)', values: { ':confirmed': 'confirmed' } },
    );
    if (outcome.written) {
      // No claim was there: a claim of an edition CLAIMS_KEPT later may have pruned a settled one (sent late).
      if (mayBePruned(edition, outcome.item) && isFinal(await this.record(edition, id))) return { kind: 'settled' };
      return this.claimed(edition, language, outcome.item);
    }
    const current = outcome.current;
    if (!current) return { kind: 'gone' };
    const reader = this.parse(current);
    const held = decodeClaim(current[claimAttribute(edition)]);
    if (held && !held.released) {
      if (isFinal(await this.record(edition, id))) return { kind: 'settled' };
      if (held.at >= staleBefore) return { kind: 'held' };
    }
    // Not confirmed (and no claim under way): skipped. Confirmed without a claim: it changed under the write; later.
    if (reader.status !== 'confirmed') return { kind: 'not-confirmed', status: reader.status };
    if (!held) return { kind: 'held' };
    return this.takeOver(edition, id, language, now, held);
  }

  /** Takes over a claim released for a retry, or one whose consumer died (older than the stale limit). */
  private async takeOver(edition: string, id: string, language: Language, now: number, old: StoredClaim) {
    const next: StoredClaim = { id: newClaimId(), at: now, n: old.n + 1 };
    const outcome = await updateIf(
      this.db,
      this.tableName,
      keys.subscriber(id),
      {
        set: ['#claim = :claim'],
        add: ['#version :one'],
        names: this.names(edition),
        values: { ':claim': encodeClaim(next), ':one': 1 },
      },
      {
        expression: '#status = :confirmed AND #claim = :old',
        values: { ':confirmed': 'confirmed', ':old': encodeClaim(old) },
      },
    );
    // Another consumer took it first: it is held.
    return outcome.written ? this.claimed(edition, language, outcome.item) : ({ kind: 'held' } as const);
  }

  /** Gives a claim back for the batch's next try (only this claim: a takeover since leaves it alone). */
  async release(claim: HeldClaim): Promise<void> {
    const mine: StoredClaim = { id: claim.claimId, at: claim.claimedAt, n: claim.attempts };
    await updateIf(
      this.db,
      this.tableName,
      keys.subscriber(claim.subscriberId),
      {
        set: ['#claim = :released'],
        add: ['#version :one'],
        names: { '#claim': claimAttribute(claim.edition), '#version': 'version' },
        values: { ':released': encodeClaim({ ...mine, released: true }), ':one': 1 },
      },
      { expression: '#claim = :mine', values: { ':mine': encodeClaim(mine) } },
    );
  }

  /**
   * Puts a fence in the delivery record's place of each claim the reader's last item held (the reader was just
   * deleted) where there is no record yet: a claim still under way then settles into an anonymous record and takes
   * the fence away, so nothing is left under the reader's id. Where the record exists, erasure anonymises it.
   */
  async fence(id: string, item: Item | undefined): Promise<void> {
    if (!item) return;
    const held = Object.entries(item)
      .map(([k, v]) => [k.slice(CLAIM_PREFIX.length), k.startsWith(CLAIM_PREFIX) ? decodeClaim(v) : undefined] as const)
      .filter(([, claim]) => claim && !claim.released);
    const ttl = Math.ceil((Date.now() + FENCE_MS) / 1000);
    await Promise.all(
      held.map(([edition, claim]) => {
        // The claim's time: discard takes the fence away only once the claim is stale (its consumer gone).
        const fence = { status: FENCE, anon: randomUUID(), claimedAt: claim?.at ?? 0, [TABLE.ttlAttribute]: ttl };
        return putIf(this.db, this.tableName, { ...this.key(edition, id), ...fence }, IS_NEW);
      }),
    );
  }

  /** Takes a fence away once its anonymous record is written. */
  async removeFence(edition: string, id: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.key(edition, id),
          ConditionExpression: '#status = :fence',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':fence': FENCE },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** The delivery record of (edition, reader), read consistently. */
  async record(edition: string, id: string): Promise<Item | undefined> {
    const Key = this.key(edition, id);
    return (await this.db.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }))).Item;
  }

  key(edition: string, id: string): ItemKey {
    return keys.delivery(edition, id, this.shards);
  }

  private names(edition: string): Record<string, string> {
    return { '#claim': claimAttribute(edition), '#version': 'version', '#status': 'status' };
  }

  private claimed(edition: string, language: Language, item: Item): Claim {
    const reader = this.parse(item);
    const stored = decodeClaim(item[claimAttribute(edition)]) as StoredClaim;
    const claim: HeldClaim = {
      edition,
      subscriberId: reader.id,
      claimId: stored.id,
      language,
      claimedAt: stored.at,
      attempts: Number(stored.n),
    };
    return { kind: 'claimed', claim, reader };
  }
}

/** True when `item` holds a claim of an edition CLAIMS_KEPT or more after `edition`, which may have pruned its claim. */
function mayBePruned(edition: string, item: Item): boolean {
  if (!isEdition(edition)) return false;
  let later = edition;
  for (let k = 0; k < CLAIMS_KEPT; k++) later = nextEdition(later);
  return Object.keys(item).some((key) => {
    const claimed = key.slice(CLAIM_PREFIX.length);
    // Only editions compare: another claim name (the bench's floor claims `FLOOR-…`) sorts after every edition.
    return key.startsWith(CLAIM_PREFIX) && isEdition(claimed) && claimed >= later;
  });
}

/** The lifetime of a delivery record claimed at `claimedAt`, as DynamoDB's TTL attribute. */
export function recordTtl(claimedAt: number): number {
  return Math.ceil((claimedAt + DELIVERY_RECORD_MS) / 1000);
}
