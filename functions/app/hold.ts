import { ConflictError } from '../core/errors.ts';
import type { HoldStore } from './ports/hold-store.ts';
import type { SendRecordStore } from './ports/send-record-store.ts';

/** Dependencies of holding and releasing. */
export interface HoldDeps {
  readonly holds: HoldStore;
  readonly sends: Pick<SendRecordStore, 'get'>;
  readonly now: () => number;
}

/** Holds an edition so that neither the schedule nor `send` starts it; an edition already started cannot be held. */
export async function holdEdition(deps: HoldDeps, edition: string, by: string): Promise<{ held: true }> {
  if (await deps.sends.get(edition))
    throw new ConflictError('already_started', `${edition} has already started; a hold would change nothing`);
  await deps.holds.hold(edition, by, deps.now());
  return { held: true };
}

/** Lets a held edition go again; releasing an edition that is not held changes nothing. */
export async function releaseEdition(deps: HoldDeps, edition: string): Promise<{ held: false; released: boolean }> {
  return { held: false, released: await deps.holds.release(edition) };
}
