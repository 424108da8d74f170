import { personalizeDigest } from '../../templates/personalize.ts';
import { SendFailure } from '../core/errors.ts';
import type { Language } from '../core/language.ts';
import type { RenderedEmail } from '../core/rendered-email.ts';
import type { DeliveryBatch, RetryReason } from '../core/send.ts';
import type { Subscription } from '../core/subscription.ts';
import type { KeyRing } from '../core/tokens.ts';
import { manageUrl } from './links.ts';
import type { DeliveryStore, Log, Mailer, RenderStore } from './ports.ts';

/** Reads many readers at once (DynamoSubscriberRepository); absent ones are left out. */
export interface SubscriberBatchReader {
  getMany(ids: readonly string[]): Promise<Map<string, Subscription>>;
}

/** Dependencies of deliver. */
export interface DeliverDeps {
  readonly readers: SubscriberBatchReader;
  readonly renders: Pick<RenderStore, 'get'>;
  readonly deliveries: Pick<DeliveryStore, 'claim' | 'settle'>;
  readonly mailer: Mailer;
  readonly ring: KeyRing;
  readonly publicUrl: string;
  readonly listId: string;
  readonly now: () => number;
  readonly log: Log;
  /** A claim older than this is taken as abandoned by a consumer that died (longer than any invocation). */
  readonly claimTimeoutMs: number;
  /** Rendered digests, cached per container: rendered once per edition and language, read once here. */
  readonly renderCache: Map<string, RenderedEmail>;
  /** The From display name per language (the brand in that language when absent). */
  readonly senderNames?: Partial<Record<Language, string>>;
}

/** What one batch came to; `retry` is set when the batch must come back later. */
export interface BatchOutcome {
  sent: number;
  skipped: number;
  failed: number;
  duplicates: number;
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

/** The list headers of every digest e-mail (RFC 2369 and 8058 unsubscribe, RFC 2919 List-Id), test copies included. */
export function listHeaders(url: string, listId: string) {
  return [
    { name: 'List-Unsubscribe', value: `<${url}>` },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    { name: 'List-Id', value: `<${listId}>` },
  ];
}

/**
 * Sends one queued batch: for each recipient, claims the (edition, subscriber) delivery with a conditional write
 * (so a message delivered twice never mails twice), re-reads the reader's status (who left meanwhile is skipped),
 * and hands the personalised digest to SES. Throttling, transient and account-wide errors, a digest not readable
 * yet, and a deadline reached stop the batch for a later retry; a rejection of the message itself is recorded as
 * failed for that reader and not retried. Delivery records are counted under the batch's (planned) language.
 */
export async function deliverBatch(
  deps: DeliverDeps,
  batch: DeliveryBatch,
  options: { deadline?: number } = {},
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, skipped: 0, failed: 0, duplicates: 0 };
  const planned = await digestFor(deps, batch.edition, batch.language);
  // Nothing is claimed before the digest is readable: the batch comes back instead of skipping its readers.
  if (!planned) return { ...outcome, retry: 'not-rendered' };
  const readers = await deps.readers.getMany(batch.ids);
  for (const id of batch.ids) {
    const now = deps.now();
    if (options.deadline !== undefined && now >= options.deadline) return { ...outcome, retry: 'out-of-time' };
    if (!(await deps.deliveries.claim(batch.edition, id, batch.language, now, now - deps.claimTimeoutMs))) {
      outcome.duplicates++;
      continue;
    }
    const reader = readers.get(id);
    if (reader?.status !== 'confirmed') {
      await deps.deliveries.settle(batch.edition, id, 'skipped', { reason: reader ? reader.status : 'gone' });
      outcome.skipped++;
      continue;
    }
    // A reader who switched language after dispatch gets their new language when it was rendered.
    const own = reader.language === batch.language ? planned : await digestFor(deps, batch.edition, reader.language);
    const url = manageUrl(deps.publicUrl, deps.ring, id, now);
    try {
      const sentIn = own ? reader.language : batch.language;
      const fromName = deps.senderNames?.[sentIn];
      const { messageId } = await deps.mailer.send({
        to: reader.email,
        ...(fromName ? { fromName } : {}),
        ...personalizeDigest(own ?? planned, url),
        headers: listHeaders(url, deps.listId),
        tags: { edition: batch.edition, subscriber: id, kind: 'digest' },
      });
      await deps.deliveries.settle(batch.edition, id, 'sent', { messageId, sentAt: deps.now(), sentIn });
      outcome.sent++;
    } catch (error) {
      if (!(error instanceof SendFailure)) throw error;
      if (error.kind === 'rejected') {
        await deps.deliveries.settle(batch.edition, id, 'failed', { reason: 'rejected' });
        deps.log.warn('deliver: rejected by SES', { edition: batch.edition, subscriberId: id });
        outcome.failed++;
        continue;
      }
      if (error.kind === 'blocked') deps.log.error('deliver: SES refuses to send for the account', { error });
      // Release the claim so the batch's next try can take it, and stop: the rest waits for the back-off.
      await deps.deliveries.settle(batch.edition, id, 'retry', { reason: error.kind });
      return { ...outcome, retry: error.kind };
    }
  }
  return outcome;
}
