import { createHmac } from 'node:crypto';

/** A reader's stable pseudonymous id: a keyed hash of the address's identity key (safe to log). */
export function subscriberIdFor(idKey: Uint8Array, emailKey: string): string {
  return createHmac('sha256', idKey).update(`email:${emailKey}`).digest().subarray(0, 16).toString('base64url');
}

/** A keyed hash of a client address, kept as consent evidence and used for rate limiting. */
export function hashClientAddress(idKey: Uint8Array, clientAddress: string): string {
  return createHmac('sha256', idKey).update(`ip:${clientAddress}`).digest().subarray(0, 12).toString('base64url');
}

/** The shard (0..shards-1) a subscriber's rows are spread to, so no single partition takes every write. */
export function shardOf(subscriberId: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < subscriberId.length; i++) h = (h * 31 + subscriberId.charCodeAt(i)) >>> 0;
  return h % shards;
}
