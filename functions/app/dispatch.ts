import { randomUUID } from 'node:crypto';
import { editionAt } from '../core/edition.ts';
import type { Language } from '../core/language.ts';
import type { DeliveryBatch } from '../core/queue-messages.ts';
import { type EditionSettings, renderEdition } from './digest.ts';
import type { ArchiveStore } from './ports/archive-store.ts';
import type { CommentarySource } from './ports/commentary-source.ts';
import type { HoldStore } from './ports/hold-store.ts';
import type { Log } from './ports/log.ts';
import type { RecipientIndex } from './ports/recipient-index.ts';
import type { RenderStore } from './ports/render-store.ts';
import type { SendQueue } from './ports/send-queue.ts';
import type { SendRecordStore } from './ports/send-record-store.ts';
import type { SenderVerification } from './ports/sender-verification.ts';
import { confirmedPages, everyConfirmedPage } from './recipients.ts';
import { notVerifiedReason } from './sender-check.ts';

/** Batches per page of the sending index: one page is one SendMessageBatch call (ten messages) and one checkpoint. */
export const BATCHES_PER_PAGE = 10;

/** Cuts a page of reader ids into delivery batches of `size`. */
export function batchesOf(edition: string, language: Language, ids: readonly string[], size: number): DeliveryBatch[] {
  const batches: DeliveryBatch[] = [];
  for (let i = 0; i < ids.length; i += size) batches.push({ edition, language, ids: ids.slice(i, i + size) });
  return batches;
}

/** Dependencies of dispatch. */
export interface DispatchDeps {
  readonly commentaries: CommentarySource;
  readonly recipients: RecipientIndex;
  readonly sends: SendRecordStore;
  readonly renders: Pick<RenderStore, 'put'>;
  readonly queue: SendQueue;
  /** The public archive: each language's web version is published once all its readers are queued. */
  readonly archive?: Pick<ArchiveStore, 'publish'>;
  readonly holds: Pick<HoldStore, 'isHeld'>;
  /** SES's word on the sender's identity: nothing starts (or resumes) while it may not send. */
  readonly sender: SenderVerification;
  readonly settings: EditionSettings & { timeZone: string; batchSize: number };
  readonly now: () => number;
  readonly log: Log;
}

/** How dispatch ended. */
export type DispatchResult =
  | { status: 'dispatched'; edition: string; planned: Partial<Record<Language, number>>; skipped: Language[] }
  | { status: 'already-started'; edition: string }
  | { status: 'in-progress'; edition: string }
  | { status: 'nothing-to-send'; edition: string; skipped: Language[] }
  | { status: 'held'; edition: string }
  | { status: 'sender-not-verified'; edition: string; identity: string; reason: string }
  | { status: 'lost-lease'; edition: string };

const LEASE_MS = 60_000;

/**
 * Starts an edition's send at most once (a conditional write creates its send record), renders each language's
 * digest once, and pages through the confirmed readers of each language and shard (ten batches a page, queued in
 * one call), keeping a checkpoint after each page; a dispatch that died is resumed from its checkpoint once its lease has run out. A held
 * edition is not started (holds are refused once a send has started, so a resume is never held), nor one whose
 * sender's identity SES does not let send (`GetEmailIdentity`).
 */
export async function dispatch(deps: DispatchDeps, input: { edition?: string } = {}): Promise<DispatchResult> {
  const now = deps.now();
  const edition = input.edition ?? editionAt(now, deps.settings.timeZone);
  if (await deps.holds.isHeld(edition)) {
    deps.log.info('dispatch: edition is held', { edition });
    return { status: 'held', edition };
  }
  const sender = await deps.sender.check();
  if (!sender.verified) {
    const reason = notVerifiedReason(sender.identity);
    deps.log.warn('dispatch: sender not verified, nothing started', { edition, identity: sender.identity });
    return { status: 'sender-not-verified', edition, identity: sender.identity, reason };
  }
  const { digests, skipped, why, removed } = await renderEdition(deps.commentaries, deps.settings, edition);
  if (digests.length === 0) {
    deps.log.warn('dispatch: no commentaries for the edition', { edition, skipped });
    return { status: 'nothing-to-send', edition, skipped };
  }
  const owner = randomUUID();
  const record = await deps.sends.claim(
    {
      edition,
      status: 'dispatching',
      owner,
      leaseUntil: now + LEASE_MS,
      startedAt: now,
      languages: Object.fromEntries(
        digests.map((d) => [d.plan.language, d.plan.source ? { source: d.plan.source } : {}]),
      ),
      skipped,
      ...(skipped.length ? { why } : {}),
      ...(Object.keys(removed).length ? { removed } : {}),
      planned: Object.fromEntries(digests.map((d) => [d.plan.language, 0])),
      checkpoint: {},
    },
    now,
  );
  if (!record) {
    // Finished earlier, or another dispatcher holds the lease (it may have died: a later trigger takes over).
    const existing = await deps.sends.get(edition);
    return { status: existing?.status === 'dispatching' ? 'in-progress' : 'already-started', edition };
  }
  const languages = Object.keys(record.languages) as Language[];
  const size = deps.settings.batchSize;
  const planned: Partial<Record<Language, number>> = { ...record.planned };
  for (const d of digests)
    if (languages.includes(d.plan.language)) await deps.renders.put(edition, d.plan.language, d.rendered);
  for (const language of languages) {
    for (let shard = 0; shard < deps.recipients.shards; shard++) {
      const position = `${language}#${shard}`;
      let previous = record.checkpoint[position];
      if (previous === 'done') continue;
      const pages = confirmedPages(deps.recipients, language, shard, previous, size * BATCHES_PER_PAGE);
      for await (const page of pages) {
        if (page.ids.length > 0) await deps.queue.enqueueMany(batchesOf(edition, language, page.ids, size));
        const value = page.last ?? 'done';
        const move = { position, previous, value };
        const lease = deps.now() + LEASE_MS;
        if (!(await deps.sends.checkpoint(edition, owner, move, language, page.ids.length, lease))) {
          return { status: 'lost-lease', edition };
        }
        previous = value;
        planned[language] = (planned[language] ?? 0) + page.ids.length;
      }
    }
  }
  // Published before the record is finished: a dispatcher that takes over publishes again, a no-op if stored.
  for (const d of digests) {
    if (!d.web || !languages.includes(d.plan.language)) continue;
    await deps.archive?.publish({ language: d.plan.language, edition, publishedAt: deps.now(), ...d.web });
  }
  if (!(await deps.sends.finish(edition, owner, deps.now()))) return { status: 'lost-lease', edition };
  deps.log.info('dispatch: edition queued', { edition, planned, skipped: record.skipped });
  return { status: 'dispatched', edition, planned, skipped: [...record.skipped] };
}

/** How long a dispatch may go on, and how it waits; `remainingMs` is the time left in the invocation. */
export interface DispatchBudget {
  readonly remainingMs: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

// Time kept back for one more page and its checkpoint before the invocation's end.
const RESERVE_MS = 60_000;

/**
 * Dispatches an edition; when another dispatcher holds its lease, waits for the lease to run out and tries again,
 * so a dispatcher that died is taken over here instead of depending on the scheduler's few retries. Throws when
 * the time left is too short to wait, so that the next retry (or the dead-letter queue and its alarm) follows.
 */
export async function dispatchTakingOver(
  deps: DispatchDeps,
  input: { edition?: string },
  budget: DispatchBudget,
): Promise<DispatchResult> {
  const sleep = budget.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (;;) {
    const result = await dispatch(deps, input);
    deps.log.info('dispatch finished', { ...result });
    // Another dispatcher took over this edition and goes on with it.
    if (result.status !== 'in-progress') return result;
    const record = await deps.sends.get(result.edition);
    const wait = Math.max(1_000, (record?.leaseUntil ?? 0) - deps.now() + 1_000);
    if (budget.remainingMs() - wait < RESERVE_MS)
      throw new Error(`dispatch of ${result.edition} is held by another; retrying later`);
    await sleep(wait);
  }
}

/**
 * Puts every confirmed reader of a dispatched edition's languages on the queue again; deliver's claims make it
 * send only to those not handled yet. For a queue that lost messages (an in-process one whose process stopped).
 */
export async function requeueEdition(
  deps: Pick<DispatchDeps, 'recipients' | 'queue' | 'settings'>,
  edition: string,
  languages: readonly Language[],
): Promise<number> {
  let queued = 0;
  for (const language of languages) {
    const size = deps.settings.batchSize;
    for await (const page of everyConfirmedPage(deps.recipients, language, size * BATCHES_PER_PAGE)) {
      if (page.ids.length > 0) await deps.queue.enqueueMany(batchesOf(edition, language, page.ids, size));
      queued += page.ids.length;
    }
  }
  return queued;
}
