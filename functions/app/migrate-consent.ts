import { type Consent, minimalConsent } from '../core/subscription.ts';
import type { ConsentRecords } from './ports/consent-records.ts';
import type { Log } from './ports/log.ts';
import { runMigration } from './run-migration.ts';

/** Dependencies of trimConsent. */
export interface TrimConsentDeps {
  readonly records: ConsentRecords;
  readonly log: Log;
  /** Records per page (one checkpoint per page). */
  readonly pageSize: number;
}

/** What one run did. */
export interface TrimConsentResult {
  readonly scanned: number;
  readonly trimmed: number;
  /** Records that changed under the run: their writer stored a trimmed consent itself; the next run checks. */
  readonly changed: number;
  readonly resumed: boolean;
}

/** The trimmed consent when `consent` holds more than Consent keeps (a user agent, an address hash), else undefined. */
function trimmed(consent: Record<string, unknown> | undefined): Consent | undefined {
  if (consent === undefined) return undefined;
  const next = minimalConsent(consent as unknown as Consent);
  // minimalConsent only drops keys: as many keys (in the record and its confirmation) means nothing to drop.
  const keys = (o: unknown) => (o && typeof o === 'object' ? Object.keys(o).length : 0);
  const same = keys(next) === keys(consent) && keys(next.confirmation) === keys(consent.confirmation);
  return same ? undefined : next;
}

/**
 * `newsletter migrate trim-consent`: removes from every stored consent record what identifies a device (the user
 * agent and the keyed hash of the whole client address older records kept, at request and at confirmation).
 * Resumable (a checkpoint per page), idempotent (a trimmed record is left alone) and safe during a send: each write
 * is conditional on the record's version and does not bump it, and every other writer drops those fields too.
 */
export async function trimConsent(deps: TrimConsentDeps): Promise<TrimConsentResult> {
  const { records } = deps;
  const run = await runMigration(records, deps.pageSize, (r) => {
    const next = trimmed(r.consent);
    return next === undefined ? undefined : records.replace(r.id, r.version, { ...next });
  });
  const { scanned, written: trimmedCount, changed, resumed } = run;
  deps.log.info('migrate: consent trimmed', { scanned, trimmed: trimmedCount, changed });
  return { scanned, trimmed: trimmedCount, changed, resumed };
}
