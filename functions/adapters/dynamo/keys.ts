import { shardOf } from '../../core/identity.ts';
import type { Language } from '../../core/language.ts';

/** A table item's primary key. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** How partition keys start, for the kinds of item the stack limits functions to (dynamodb:LeadingKeys). */
export const KEY_PREFIX = {
  subscriber: 'SUB#',
  rateLimit: 'RATE#',
  mailbox: 'MAILBOX#',
  welcome: 'WELCOME#',
  archive: 'ARCHIVE#',
  archiveLatest: 'ARCHIVE-LATEST#',
  send: 'SEND#',
  delivery: 'DLV#',
  feedback: 'FEEDBACK#',
  ceiling: 'CEILING#',
  readerWeek: 'WEEK#',
  readerCount: 'COUNT#',
  import: 'IMPORT#',
} as const;

/** Every key of the single table, built in one place (the layout is in table.ts). */
export const keys = {
  /** The count of confirmation e-mails in one clock hour (the account-wide ceiling). */
  confirmationHour: (hourStart: number): ItemKey => ({
    pk: `${KEY_PREFIX.ceiling}confirmations`,
    sk: String(hourStart),
  }),
  /** One item per reader. */
  subscriber: (id: string): ItemKey => ({ pk: `${KEY_PREFIX.subscriber}${id}`, sk: 'SUB' }),
  /** An erased reader's suppression marker, beside where the reader's item was (the same functions reach it). */
  erasure: (id: string): ItemKey => ({ pk: `${KEY_PREFIX.subscriber}${id}`, sk: 'ERASED' }),
  /** The sparse sending index's partition: confirmed readers of a language in one shard. */
  sendingPartition: (language: Language, shard: number): string => `${language}#${shard}`,
  /** An import's suppression of a reader (a keyed hash and a reason), beside where the reader's item is. */
  suppression: (id: string): ItemKey => ({ pk: `${KEY_PREFIX.subscriber}${id}`, sk: 'SUPPRESSED' }),
  /** An import's progress record (its id is the file's sha-256). */
  importProgress: (importId: string): ItemKey => ({ pk: `${KEY_PREFIX.import}${importId}`, sk: 'IMPORT' }),
  /**
   * What one import did for one reader, written once: in the reader's own partition (`SUB#<id>` / `IMPORT#<sha>`), so
   * erasure finds the reader's marks with one Query and no scan.
   */
  importRow: (importId: string, subscriberId: string): ItemKey => ({
    pk: `${KEY_PREFIX.subscriber}${subscriberId}`,
    sk: `${KEY_PREFIX.import}${importId}`,
  }),
  /** A re-permission step of an imported reader, by due time (ms, 15 digits: sorts as a string). */
  repermission: (dueAt: number, subscriberId: string, step: string): ItemKey => ({
    pk: 'REPERM',
    sk: `${String(dueAt).padStart(15, '0')}#${subscriberId}#${step}`,
  }),
  /** An edition's send record. */
  send: (edition: string): ItemKey => ({ pk: `SEND#${edition}`, sk: 'SEND' }),
  /** An edition's hold, next to its send record. */
  hold: (edition: string): ItemKey => ({ pk: `SEND#${edition}`, sk: 'HOLD' }),
  /** The once-only mark of an edition's report e-mail, next to its send record. */
  reportMark: (edition: string): ItemKey => ({ pk: `SEND#${edition}`, sk: 'REPORT' }),
  /** An edition's editorial choices (order, notes, removed items), next to its send record. */
  editorial: (edition: string): ItemKey => ({ pk: `SEND#${edition}`, sk: 'EDITORIAL' }),
  /** The once-only mark of one editor's preview of an edition at one stage (before or after its start). */
  previewMark: (edition: string, stage: string, editorId: string): ItemKey => ({
    pk: `SEND#${edition}`,
    sk: `PREVIEW#${stage}#${editorId}`,
  }),
  /** The lease of an edition's completion check (one check message at a time), next to its send record. */
  completionLease: (edition: string): ItemKey => ({ pk: `SEND#${edition}`, sk: 'CHECK' }),
  /** A completed edition's summary (its report's figures), next to its send record. */
  summary: (edition: string): ItemKey => ({ pk: `SEND#${edition}`, sk: 'SUMMARY' }),
  /** One shard of an edition's bounce and complaint sets, in its own partition (ses-events may touch no other). */
  feedback: (edition: string, shard: number): ItemKey => ({
    pk: `${KEY_PREFIX.feedback}${edition}#${shard}`,
    sk: 'SETS',
  }),
  /** One shard of a week's sets of confirmed and unsubscribed readers, in its own partition. */
  /** One shard of the readers' counters (per language and status). */
  readerCount: (shard: number): ItemKey => ({ pk: `${KEY_PREFIX.readerCount}${shard}`, sk: 'READERS' }),
  readerWeek: (week: string, shard: number): ItemKey => ({
    pk: `${KEY_PREFIX.readerWeek}${week}#${shard}`,
    sk: 'SETS',
  }),
  /** One feed's pull state, by a hash of its URL. */
  feedState: (urlHash: string): ItemKey => ({ pk: `FEED#${urlHash}`, sk: 'STATE' }),
  /** An edition's rendered digest in one language. */
  render: (edition: string, language: Language): ItemKey => ({ pk: `SEND#${edition}`, sk: `RENDER#${language}` }),
  /** One shard of an edition's delivery records. */
  deliveryPartition: (edition: string, shard: number): string => `${KEY_PREFIX.delivery}${edition}#${shard}`,
  /** The delivery record of one reader in one edition. */
  delivery: (edition: string, subscriberId: string, shards: number): ItemKey => ({
    pk: keys.deliveryPartition(edition, shardOf(subscriberId, shards)),
    sk: subscriberId,
  }),
  /** A commentary, one per (language, key). */
  commentary: (language: Language, key: string): ItemKey => ({ pk: `COM#${language}#${key}`, sk: 'COM' }),
  /** The edition index's partition and sort key of a commentary. */
  commentaryEdition: (edition: string): string => `ED#${edition}`,
  commentaryEditionSort: (language: Language, key: string): string => `${language}#${key}`,
  /** An edition's web version in one language; one partition per language lists the archive, newest first. */
  archive: (language: Language, edition: string): ItemKey => ({ pk: `${KEY_PREFIX.archive}${language}`, sk: edition }),
  /** The newest edition published in a language (the welcome links it without querying the archive). */
  archiveLatest: (language: Language): ItemKey => ({ pk: `${KEY_PREFIX.archiveLatest}${language}`, sk: 'LATEST' }),
  /** The welcome e-mail of one subscription (a reader's confirmation at `confirmedAt`): sent at most once. */
  welcome: (subscriberId: string, confirmedAt: number): ItemKey => ({
    pk: `${KEY_PREFIX.welcome}${subscriberId}`,
    sk: String(confirmedAt),
  }),
  /** One client's request counters (the current and the previous window). */
  rate: (scope: string, clientKey: string): ItemKey => ({
    pk: `${KEY_PREFIX.rateLimit}${scope}#${clientKey}`,
    sk: 'RATE',
  }),
  /** One canonical mailbox's log of subscription e-mails (cooldown and daily cap). */
  mailbox: (mailboxId: string): ItemKey => ({ pk: `${KEY_PREFIX.mailbox}${mailboxId}`, sk: 'MAILBOX' }),
} as const;
