import { sealedKeyOf } from '../core/sealed-address.ts';
import type { AddressCipher } from './ports/address-cipher.ts';
import type { AddressRecords, StoredAddress } from './ports/address-records.ts';
import type { Log } from './ports/log.ts';

/** Dependencies of sealAddresses. */
export interface SealAddressesDeps {
  readonly records: AddressRecords;
  readonly cipher: AddressCipher;
  readonly log: Log;
  /** Records per page (one checkpoint per page). */
  readonly pageSize: number;
}

/** What one run did. */
export interface SealAddressesResult {
  readonly scanned: number;
  readonly sealed: number;
  /** Records that changed under the run (a reader's own write came first); the next run looks at them again. */
  readonly changed: number;
  readonly resumed: boolean;
}

/** The clear address a record needs (re)sealed, or undefined when it is sealed under the current key already. */
function needsSealing(cipher: AddressCipher, r: StoredAddress): string | undefined {
  if (r.address !== undefined && r.email === undefined && sealedKeyOf(r.address) === cipher.currentKey)
    return undefined;
  if (r.address !== undefined && sealedKeyOf(r.address) !== undefined)
    return cipher.open(r.address as Parameters<AddressCipher['open']>[0], r.id);
  return r.address ?? r.email;
}

/**
 * `newsletter migrate encrypt-addresses`: seals every subscriber address still in clear, and re-seals under the
 * current data key what an older key sealed (after a rotation). Resumable (a checkpoint per page), idempotent (a
 * record sealed under the current key is left alone) and safe during a send: each write is conditional on the
 * record's version, and the deliverer opens clear and sealed addresses alike, so no delivery is lost or doubled.
 */
export async function sealAddresses(deps: SealAddressesDeps): Promise<SealAddressesResult> {
  let cursor = await deps.records.checkpoint();
  const resumed = cursor !== undefined;
  let scanned = 0;
  let sealed = 0;
  let changed = 0;
  do {
    const page = await deps.records.page(cursor, deps.pageSize);
    for (const r of page.records) {
      scanned++;
      const clear = needsSealing(deps.cipher, r);
      if (clear === undefined) continue;
      if (await deps.records.reseal(r.id, r.version, deps.cipher.seal(clear, r.id))) sealed++;
      else changed++;
    }
    cursor = page.cursor;
    await deps.records.saveCheckpoint(cursor);
  } while (cursor !== undefined);
  deps.log.info('migrate: addresses sealed', { scanned, sealed, changed, key: deps.cipher.currentKey });
  return { scanned, sealed, changed, resumed };
}
