import type { ImportOutcome } from '../../core/import-outcome.ts';
import type { Language } from '../../core/language.ts';
import { applyLanguage, applyUnsubscribe } from '../../core/lifecycle.ts';
import type { SealedAddress } from '../../core/sealed-address.ts';
import { type ImportEvidence, isExpired, type Subscription } from '../../core/subscription.ts';
import type { Suppression, SuppressionReason } from '../ports/suppressions.ts';

/** A readable row of the file, its address normalised and its reader's id derived. */
export type ReaderRow =
  | {
      readonly kind: 'confirmed';
      readonly language: Language;
      readonly optInAt?: string;
      readonly confirmedAt?: string;
    }
  | { readonly kind: 'suppressed'; readonly reason: SuppressionReason }
  | { readonly kind: 'repermission'; readonly language: Language };

/** The import a row belongs to. */
export interface ImportRun {
  readonly importId: string;
  readonly format: string;
  readonly fileName: string;
  readonly by: string;
  readonly now: number;
  /** An address confirmed here already takes the file's language (else it keeps its own). */
  readonly updateLanguage: boolean;
  /** How long a re-permission request waits for the reader before its record is erased. */
  readonly repermissionWindowMs: number;
}

/** What is held about the row's reader. */
export interface ReaderState {
  readonly existing?: Subscription;
  readonly suppression?: Suppression;
  readonly erasedAt?: number;
}

/** What to do: the outcome, and what to write for it (nothing when both are absent). */
export interface RowDecision {
  readonly outcome: ImportOutcome;
  readonly save?: Subscription;
  readonly suppress?: Suppression;
}

const byThisImport = (sub: Subscription | undefined, importId: string) => sub?.consent.import?.sha256 === importId;

/**
 * Decides one row against what is held (pure; a dry run stops here). Suppressions win over everything the file says:
 * an address suppressed or erased here is never made confirmed nor mailed by an import. The import never overrides
 * what a reader did here (an unsubscribe, a bounce, their own pending request). `seal` is called only for a new reader.
 */
export function decideRow(
  row: ReaderRow,
  id: string,
  held: ReaderState,
  run: ImportRun,
  seal: () => SealedAddress,
): RowDecision {
  const live = held.existing && !isExpired(held.existing, run.now) ? held.existing : undefined;
  if (row.kind === 'suppressed') {
    const suppress = held.suppression ? undefined : { reason: row.reason, at: run.now, importId: run.importId };
    // A reader this or an earlier import brought in, listed as gone in this file, stops being mailed.
    const imported = live?.consent.import !== undefined && (live.status === 'confirmed' || live.status === 'pending');
    const save = imported && live ? applyUnsubscribe(live, run.now) : undefined;
    return { outcome: 'suppressed', ...(suppress ? { suppress } : {}), ...(save ? { save } : {}) };
  }
  if (held.suppression || held.erasedAt !== undefined) return { outcome: 'suppressed' };
  if (live) {
    if (byThisImport(live, run.importId)) return { outcome: live.status === 'pending' ? 'repermission' : 'confirmed' };
    if (live.status !== 'confirmed') return { outcome: 'kept' };
    const moved = run.updateLanguage ? applyLanguage(live, row.language, run.now) : live;
    return { outcome: 'alreadyConfirmed', ...(moved === live ? {} : { save: moved }) };
  }
  const evidence: ImportEvidence = {
    format: run.format,
    file: run.fileName,
    sha256: run.importId,
    by: run.by,
    ...(row.kind === 'confirmed' && row.optInAt ? { optInAt: row.optInAt } : {}),
    ...(row.kind === 'confirmed' && row.confirmedAt ? { confirmedAt: row.confirmedAt } : {}),
  };
  const base = {
    id,
    address: seal(),
    language: row.language,
    version: held.existing?.version ?? 0,
    createdAt: run.now,
    updatedAt: run.now,
  };
  const source = `import:${run.format}`;
  if (row.kind === 'repermission') {
    const consent = { requestedAt: run.now, language: row.language, source, textVersion: source, import: evidence };
    const expiresAt = run.now + run.repermissionWindowMs;
    return { outcome: 'repermission', save: { ...base, status: 'pending', expiresAt, consent } };
  }
  const confirmedAt = timeOf(row.confirmedAt) ?? timeOf(row.optInAt) ?? run.now;
  const requestedAt = Math.min(timeOf(row.optInAt) ?? confirmedAt, confirmedAt);
  const consent = { requestedAt, confirmedAt, language: row.language, source, textVersion: source, import: evidence };
  return { outcome: 'confirmed', save: { ...base, status: 'confirmed', confirmedAt, consent } };
}

/** A time the file gave (ISO 8601 or `YYYY-MM-DD hh:mm:ss`, read as UTC), or undefined when it is not one. */
export function timeOf(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const iso = /^\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}
