import { sealedKeyOf } from '../core/sealed-address.ts';
import type { AddressCipher } from './ports/address-cipher.ts';
import type { AddressRecords, StoredAddress } from './ports/address-records.ts';
import type { Log } from './ports/log.ts';
import { runMigration } from './run-migration.ts';

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
  const { records, cipher } = deps;
  const run = await runMigration(records, deps.pageSize, (r) => {
    const clear = needsSealing(cipher, r);
    return clear === undefined ? undefined : records.reseal(r.id, r.version, cipher.seal(clear, r.id));
  });
  const { scanned, written: sealed, changed, resumed } = run;
  deps.log.info('migrate: addresses sealed', { scanned, sealed, changed, key: cipher.currentKey });
  return { scanned, sealed, changed, resumed };
}
