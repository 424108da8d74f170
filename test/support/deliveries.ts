import type { DeliveryDetails, DeliveryStore, HeldClaim } from '../../functions/app/ports/delivery-store.ts';
import type { Language } from '../../functions/core/language.ts';
import type { DeliveryStatus } from '../../functions/core/send.ts';

/** Claims a confirmed reader's delivery and fails the test when it is not claimed. */
export async function claimOf(
  store: Pick<DeliveryStore, 'claim'>,
  edition: string,
  id: string,
  language: Language,
  now: number,
): Promise<HeldClaim> {
  const c = await store.claim(edition, id, language, now, now - 1);
  if (c.kind !== 'claimed') throw new Error(`${id} not claimed in ${edition}: ${c.kind}`);
  return c.claim;
}

/** Claims and settles one reader's delivery (a confirmed reader): a record as deliver leaves it. */
export async function settled(
  store: Pick<DeliveryStore, 'claim' | 'settle'>,
  edition: string,
  id: string,
  language: Language,
  status: DeliveryStatus,
  details: DeliveryDetails = {},
  now = 1_764_000_000_000,
): Promise<void> {
  await store.settle(await claimOf(store, edition, id, language, now), status, details);
}
