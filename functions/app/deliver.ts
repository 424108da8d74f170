import type { RenderedEmail } from '../../templates/fill.ts';
import { personalizeDigest } from '../../templates/personalize.ts';
import type { DynamoSendStore } from '../adapters/dynamo/sends.ts';
import { SendFailure } from '../core/errors.ts';
import type { Language } from '../core/language.ts';
import type { DeliveryBatch } from '../core/send.ts';
import type { KeyRing } from '../core/tokens.ts';
import { manageUrl } from './links.ts';
import type { Log, Mailer } from './ports.ts';

/** Dependencies of deliver. */
export interface DeliverDeps {
  readonly sends: Pick<DynamoSendStore, 'getRender' | 'getSubscribers' | 'claimDelivery' | 'settleDelivery'>;
  readonly mailer: Mailer;
  readonly ring: KeyRing;
  readonly publicUrl: string;
  readonly listId: string;
  readonly now: () => number;
  readonly log: Log;
  /** A claim older than this is taken as abandoned by a consumer that died (longer than any invocation). */
  readonly claimTimeoutMs: number;
  /** Rendered digests, cached per container: rendered once per edition and language, read once here. */
  readonly renders: Map<string, RenderedEmail>;
}

/** What one batch came to; `retry` is set when the batch must come back later (throttling, transient errors). */
export interface BatchOutcome {
  sent: number;
  skipped: number;
  failed: number;
  duplicates: number;
  retry?: 'throttled' | 'transient';
}

async function digestFor(deps: DeliverDeps, edition: string, language: Language): Promise<RenderedEmail | undefined> {
  const key = `${edition}#${language}`;
  let rendered = deps.renders.get(key);
  if (!rendered) {
    rendered = await deps.sends.getRender(edition, language);
    if (rendered) deps.renders.set(key, rendered);
  }
  return rendered;
}

/**
 * Sends one queued batch: for each recipient, claims the (edition, subscriber) delivery with a conditional write
 * (so a message delivered twice never mails twice), re-reads the reader's status (who left meanwhile is skipped),
 * and hands the personalised digest to SES. Throttling stops the batch for a later retry; a permanent rejection is
 * recorded as failed and not retried.
 */
export async function deliverBatch(deps: DeliverDeps, batch: DeliveryBatch): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, skipped: 0, failed: 0, duplicates: 0 };
  const readers = await deps.sends.getSubscribers(batch.ids);
  for (const id of batch.ids) {
    const now = deps.now();
    const reader = readers.get(id);
    // The reader may have switched language after dispatch: their current language wins when it was rendered.
    let language = batch.language;
    let rendered: RenderedEmail | undefined;
    if (reader && reader.language !== batch.language) {
      rendered = await digestFor(deps, batch.edition, reader.language);
      if (rendered) language = reader.language;
    }
    rendered ??= await digestFor(deps, batch.edition, batch.language);
    if (!(await deps.sends.claimDelivery(batch.edition, id, language, now, now - deps.claimTimeoutMs))) {
      outcome.duplicates++;
      continue;
    }
    if (reader?.status !== 'confirmed' || !rendered) {
      await deps.sends.settleDelivery(batch.edition, id, 'skipped', { reason: reader ? reader.status : 'gone' });
      outcome.skipped++;
      continue;
    }
    const url = manageUrl(deps.publicUrl, deps.ring, id, now);
    const mail = personalizeDigest(rendered, url);
    try {
      const { messageId } = await deps.mailer.send({
        to: reader.email,
        ...mail,
        headers: [
          { name: 'List-Unsubscribe', value: `<${url}>` },
          { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
          { name: 'List-Id', value: `<${deps.listId}>` },
        ],
        tags: { edition: batch.edition, subscriber: id, kind: 'digest' },
      });
      await deps.sends.settleDelivery(batch.edition, id, 'sent', { messageId, sentAt: deps.now() });
      outcome.sent++;
    } catch (error) {
      if (!(error instanceof SendFailure)) throw error;
      if (error.kind === 'rejected') {
        await deps.sends.settleDelivery(batch.edition, id, 'failed', { reason: 'rejected' });
        deps.log.warn('deliver: rejected by SES', { edition: batch.edition, subscriberId: id });
        outcome.failed++;
        continue;
      }
      // Release the claim so the batch's next try can take it, and stop: the rest waits for the back-off.
      await deps.sends.settleDelivery(batch.edition, id, 'retry', { reason: error.kind });
      outcome.retry = error.kind === 'throttled' ? 'throttled' : 'transient';
      return outcome;
    }
  }
  return outcome;
}
