import { personalizeDigest } from '../../templates/personalize.ts';
import { AddressUnreadableError, SendFailure } from '../core/errors.ts';
import type { Language } from '../core/language.ts';
import type { DeliveryBatch, Recheck } from '../core/queue-messages.ts';
import { mailboxOf } from '../core/reader-ids.ts';
import type { RenderedEmail } from '../core/rendered-email.ts';
import type { SealedAddress } from '../core/sealed-address.ts';
import { DEFERRAL_BUDGET_MS, type RetryReason, recheckDelaySeconds, retryDelaySeconds } from '../core/send.ts';
import { noteDelivered } from '../core/soft-bounce.ts';
import type { KeyRing } from '../core/tokens.ts';
import { eraseUrl, manageUrl } from './links.ts';
import { listHeaders } from './list-headers.ts';
import { withOptimisticRetry } from './optimistic-retry.ts';
import type { AddressCipher } from './ports/address-cipher.ts';
import type { DeliveryStore } from './ports/delivery-store.ts';
import type { ErasureMarkers } from './ports/erasure-markers.ts';
import type { Log } from './ports/log.ts';
import type { Mailer } from './ports/mailer.ts';
import type { RenderStore } from './ports/render-store.ts';
import type { SendQueue } from './ports/send-queue.ts';
import type { SubscriberStore } from './ports/subscriber-store.ts';

/** Dependencies of deliver. */
export interface DeliverDeps {
  /** Notes on a reader with a soft-bounce run that a later edition went out (core/soft-bounce.ts); optional. */
  readonly streaks?: Pick<SubscriberStore, 'get' | 'save'>;
  readonly renders: Pick<RenderStore, 'get'>;
  readonly deliveries: Pick<DeliveryStore, 'claim' | 'settle' | 'skip' | 'discard'>;
  /** Where a batch puts back what must wait (back-off, re-checks); without one the caller retries the message. */
  readonly queue?: SendQueue;
  readonly mailer: Mailer;
  /** Opens each reader's sealed address right before its SendEmail. */
  readonly cipher: Pick<AddressCipher, 'open'>;
  readonly ring: KeyRing;
  /** Derives the canonical mailbox's id that the erase link names beside the reader. */
  readonly idKey: Uint8Array;
  /** Readers erased (a marker is left) are never mailed, even when a batch names them. */
  readonly erasures: Pick<ErasureMarkers, 'among'>;
  readonly publicUrl: string;
  readonly listId: string;
  /** The domain SES receives mail for (the readers' mailto unsubscribe addresses); optional. */
  readonly inboundDomain?: string;
  readonly now: () => number;
  readonly log: Log;
  /** A claim older than this is taken as abandoned by a consumer that died (longer than any invocation). */
  readonly claimTimeoutMs: number;
  /** Rendered digests, cached per container: rendered once per edition and language, read once here. */
  readonly renderCache: Map<string, RenderedEmail>;
  /** The From display name per language (the brand in that language when absent). */
  readonly senderNames?: Partial<Record<Language, string>>;
}

/**
 * What one batch came to. `requeued` readers were put back on the queue to wait (the message itself is done);
 * `rechecks` readers whose delivery another consumer held come back once after the claim timeout; `retry` is set
 * when the message itself must come back later (no queue to put the rest on, or the deferral budget is spent).
 */
export interface BatchOutcome {
  sent: number;
  skipped: number;
  failed: number;
  /** Handed to SES whose answer was lost: settled `uncertain`, never resent. */
  uncertain?: number;
  duplicates: number;
  requeued?: number;
  rechecks?: number;
  retry?: RetryReason;
}

async function digestFor(deps: DeliverDeps, edition: string, language: Language): Promise<RenderedEmail | undefined> {
  const key = `${edition}#${language}`;
  let rendered = deps.renderCache.get(key);
  if (!rendered) {
    rendered = await deps.renders.get(edition, language);
    if (rendered) deps.renderCache.set(key, rendered);
  }
  return rendered;
}

/**
 * Puts the readers a batch could not reach yet back on the queue as a new message: after the back-off, or at once
 * when the invocation ran out of time. A new message starts a new receive count, so a sending pause of a day never
 * walks the batch into the dead-letter queue; past DEFERRAL_BUDGET_MS the message's own retries take over.
 */
async function stop(
  deps: DeliverDeps,
  batch: DeliveryBatch,
  rest: readonly string[],
  reason: RetryReason,
  o: BatchOutcome,
) {
  const now = deps.now();
  // SES's daily quota is no fault: its wait never spends the budget, which counts from the last such wait.
  const since = reason === 'quota' ? now : (batch.deferredSince ?? now);
  if (!deps.queue || (reason !== 'out-of-time' && now - since >= DEFERRAL_BUDGET_MS)) return { ...o, retry: reason };
  const deferrals = (batch.deferrals ?? 0) + (reason === 'out-of-time' ? 0 : 1);
  const delay = retryDelaySeconds(reason, deferrals, Math.random());
  const { edition, language } = batch;
  await deps.queue.enqueue({ edition, language, ids: rest, deferrals, deferredSince: since }, delay);
  deps.log.info('deliver: batch put back', { edition, reason, readers: rest.length, deferrals, delay });
  return { ...o, requeued: rest.length };
}

/** Queues the readers another consumer held for one look after the claim timeout (never for a re-check itself). */
async function recheck(deps: DeliverDeps, batch: DeliveryBatch, held: readonly string[], o: BatchOutcome) {
  if (held.length === 0 || batch.recheck || !deps.queue) return o;
  const message: Recheck = { edition: batch.edition, language: batch.language, ids: held, recheck: true };
  await deps.queue.enqueue(message, recheckDelaySeconds(deps.claimTimeoutMs));
  return { ...o, rechecks: held.length };
}

/** The reader's address in clear, or undefined when its ciphertext does not open (moved, tampered, key gone). */
function openAddress(deps: DeliverDeps, sealed: SealedAddress, id: string): string | undefined {
  try {
    return deps.cipher.open(sealed, id);
  } catch (error) {
    if (error instanceof AddressUnreadableError) return undefined;
    throw error;
  }
}

/**
 * Sends one queued batch: for each recipient, claims the (edition, subscriber) delivery with one conditional write
 * on the reader's own item, which holds only while the reader is confirmed and answers the reader as it stands (so a
 * message delivered twice never mails twice, and who left or was erased meanwhile is skipped, counted anonymously
 * when erased), hands the personalised digest to SES and settles the delivery record with a second write. Throttling, transient and account-wide errors, a digest not readable yet and a
 * deadline reached put the rest back for later; a rejection of the message itself is recorded as failed for that
 * reader and not retried; a lost answer (SES may have taken it) settles that reader `uncertain`, never resent, and
 * the rest waits. A delivery held by another consumer is looked at again once after the claim timeout, so
 * a consumer that vanished leaves nobody pending. Records are counted under the batch's (planned) language.
 */
export async function deliverBatch(
  deps: DeliverDeps,
  batch: DeliveryBatch,
  options: { deadline?: number } = {},
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, skipped: 0, failed: 0, duplicates: 0 };
  const planned = await digestFor(deps, batch.edition, batch.language);
  // Nothing is claimed before the digest is readable: the batch comes back instead of skipping its readers.
  if (!planned) return stop(deps, batch, batch.ids, 'not-rendered', outcome);
  // One read for the batch: a reader erased before it started is skipped even if a partly failed erasure left them.
  const erased = await deps.erasures.among(batch.ids);
  const held: string[] = [];
  for (const [index, id] of batch.ids.entries()) {
    const now = deps.now();
    const staleBefore = now - deps.claimTimeoutMs;
    if (options.deadline !== undefined && now >= options.deadline)
      return recheck(deps, batch, held, await stop(deps, batch, batch.ids.slice(index), 'out-of-time', outcome));
    // A reader erased (marked) is counted once, anonymously; nothing is claimed on it.
    if (erased.has(id)) {
      await deps.deliveries.discard(batch.edition, id, batch.language, staleBefore);
      outcome.skipped++;
      continue;
    }
    // One write: the claim is conditioned on the reader being confirmed right now, and answers the reader.
    const claimed = await deps.deliveries.claim(batch.edition, id, batch.language, now, staleBefore);
    if (claimed.kind === 'held' || claimed.kind === 'settled') {
      if (claimed.kind === 'held') held.push(id);
      outcome.duplicates++;
      continue;
    }
    if (claimed.kind === 'gone' || claimed.kind === 'not-confirmed') {
      if (claimed.kind === 'gone') await deps.deliveries.discard(batch.edition, id, batch.language, staleBefore);
      else await deps.deliveries.skip(batch.edition, id, batch.language, claimed.status);
      outcome.skipped++;
      continue;
    }
    const { claim, reader } = claimed;
    const to = openAddress(deps, reader.address, id);
    if (to === undefined) {
      await deps.deliveries.settle(claim, 'failed', { reason: 'address-unreadable' });
      deps.log.error('deliver: sealed address does not open', { edition: batch.edition, subscriberId: id });
      outcome.failed++;
      continue;
    }
    // A reader who switched language after dispatch gets their new language when it was rendered.
    const own = reader.language === batch.language ? planned : await digestFor(deps, batch.edition, reader.language);
    const url = manageUrl(deps.publicUrl, deps.ring, id, now);
    const sentIn = own ? reader.language : batch.language;
    const erase = eraseUrl(deps.publicUrl, deps.ring, { id, mailbox: mailboxOf(deps.idKey, to) }, sentIn, now);
    try {
      const fromName = deps.senderNames?.[sentIn];
      const { messageId } = await deps.mailer.send({
        to,
        ...(fromName ? { fromName } : {}),
        ...personalizeDigest(own ?? planned, url, erase),
        headers: listHeaders(deps, { subscriberId: id, language: sentIn, manageUrl: url }),
        tags: { edition: batch.edition, subscriber: id, kind: 'digest' },
      });
      await deps.deliveries.settle(claim, 'sent', { messageId, sentAt: deps.now(), sentIn });
      outcome.sent++;
      if (reader.softBounces && deps.streaks) await noteSent(deps.streaks, id, batch.edition, deps.now());
    } catch (error) {
      if (!(error instanceof SendFailure)) throw error;
      if (error.kind === 'rejected') {
        await deps.deliveries.settle(claim, 'failed', { reason: 'rejected' });
        deps.log.warn('deliver: rejected by SES', { edition: batch.edition, subscriberId: id });
        outcome.failed++;
        continue;
      }
      if (error.kind === 'uncertain') {
        // SES may have taken it: a second SendEmail could mail the reader twice. The rest waits, as after a 5xx.
        await deps.deliveries.settle(claim, 'uncertain', { reason: 'answer-lost' });
        deps.log.warn('deliver: SES answer lost, not resent', { edition: batch.edition, subscriberId: id });
        outcome.uncertain = (outcome.uncertain ?? 0) + 1;
        const rest = batch.ids.slice(index + 1);
        if (rest.length === 0) return recheck(deps, batch, held, outcome);
        return recheck(deps, batch, held, await stop(deps, batch, rest, 'transient', outcome));
      }
      if (error.kind === 'blocked') deps.log.error('deliver: SES refuses to send for the account', { error });
      // Release the claim so the batch's next try can take it, and stop: the rest waits for the back-off.
      await deps.deliveries.settle(claim, 'retry', { reason: error.kind });
      return recheck(deps, batch, held, await stop(deps, batch, batch.ids.slice(index), error.kind, outcome));
    }
  }
  return recheck(deps, batch, held, outcome);
}

/** One conditional write, only for a reader in a soft-bounce run (few): the run's reset is decided at its next bounce. */
async function noteSent(store: Pick<SubscriberStore, 'get' | 'save'>, id: string, edition: string, now: number) {
  await withOptimisticRetry(async () => {
    const sub = await store.get(id);
    const next = sub && noteDelivered(sub, edition, now);
    if (next) await store.save(next);
  });
}
