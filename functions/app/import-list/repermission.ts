import { renderRepermissionEmail } from '../../../templates/emails.ts';
import { mailboxOf } from '../../core/reader-ids.ts';
import { isExpired, type Subscription } from '../../core/subscription.ts';
import type { KeyRing } from '../../core/tokens.ts';
import { confirmUrl, eraseUrl } from '../links.ts';
import type { AddressCipher } from '../ports/address-cipher.ts';
import type { Log } from '../ports/log.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { RepermissionEntry, RepermissionQueue } from '../ports/repermission-queue.ts';
import type { SubscriberDataStore } from '../ports/subscriber-data-store.ts';

/** The reminder goes this long after the re-permission e-mail (the design: 7 days). */
export const REMINDER_AFTER_MS = 7 * 86_400_000;

/** Dependencies of the re-permission steps: they open the reader's address to mail it. */
export interface RepermissionDeps {
  readonly store: SubscriberDataStore;
  readonly queue: RepermissionQueue;
  /** Paced within the account's send rate. */
  readonly mailer: Mailer;
  readonly cipher: Pick<AddressCipher, 'open'>;
  readonly ring: KeyRing;
  readonly idKey: Uint8Array;
  readonly publicUrl: string;
  readonly now: () => number;
  readonly log: Log;
}

/** What one run of the steps did. */
export interface RepermissionRun {
  readonly mailed: number;
  readonly reminded: number;
  readonly erased: number;
  /** Entries whose reader confirmed, left, or is gone meanwhile: nothing to do. */
  readonly dropped: number;
}

const SOURCES: Record<string, string> = {
  mailchimp: 'Mailchimp',
  substack: 'Substack',
  listmonk: 'listmonk',
  ghost: 'Ghost',
  buttondown: 'Buttondown',
};

/** Still waiting for this import's question: pending, brought in by it. */
function waiting(sub: Subscription | undefined, e: RepermissionEntry): sub is Subscription {
  return sub?.status === 'pending' && sub.consent.import?.sha256 === e.importId;
}

/**
 * Runs the re-permission steps due now (at most `limit`): the e-mail (then its reminder is scheduled 7 days on), the
 * reminder (then the erasure, when the request lapses: 30 days after the import), and the erasure of a record still
 * unconfirmed. The next step is scheduled before this one is taken, and an entry is taken (a conditional claim)
 * before its e-mail goes: one e-mail per step, never two, whatever runs at the same time or is retried.
 */
export async function repermissionStep(deps: RepermissionDeps, limit: number): Promise<RepermissionRun> {
  const now = deps.now();
  const run = { mailed: 0, reminded: 0, erased: 0, dropped: 0 };
  for (const e of await deps.queue.due(now, limit)) {
    const sub = await deps.store.get(e.subscriberId);
    if (!waiting(sub, e)) {
      if (await deps.queue.take(e)) run.dropped++;
      continue;
    }
    const expiresAt = sub.expiresAt ?? now;
    if (e.step === 'erase') {
      if (!isExpired(sub, now)) await deps.queue.schedule({ ...e, dueAt: expiresAt });
      else if (await deps.queue.take(e)) {
        await deps.store.delete(sub.id);
        run.erased++;
        deps.log.info('repermission: unanswered, erased', { subscriberId: sub.id, importId: e.importId });
      }
      continue;
    }
    const next =
      e.step === 'mail'
        ? { ...e, step: 'remind' as const, dueAt: Math.min(e.dueAt + REMINDER_AFTER_MS, expiresAt) }
        : { ...e, step: 'erase' as const, dueAt: expiresAt };
    await deps.queue.schedule(next);
    if (!(await deps.queue.take(e))) continue;
    await mail(deps, sub, now, e.step === 'remind');
    if (e.step === 'mail') run.mailed++;
    else run.reminded++;
  }
  return run;
}

async function mail(deps: RepermissionDeps, sub: Subscription, now: number, reminder: boolean): Promise<void> {
  const to = deps.cipher.open(sub.address, sub.id);
  const expiresAt = sub.expiresAt ?? now;
  const evidence = sub.consent.import;
  const source = SOURCES[evidence?.format ?? ''] ?? evidence?.file ?? '';
  const ids = { id: sub.id, mailbox: mailboxOf(deps.idKey, to) };
  const email = renderRepermissionEmail(sub.language, {
    // No request id on an imported record: the confirm page accepts this link until the request lapses.
    confirmUrl: confirmUrl(deps.publicUrl, deps.ring, sub.id, now, Math.max(1, expiresAt - now)),
    eraseUrl: eraseUrl(deps.publicUrl, deps.ring, ids, sub.language, now),
    source,
    expiresInDays: Math.max(1, Math.round((expiresAt - now) / 86_400_000)),
    reminder,
  });
  const { messageId } = await deps.mailer.send({ to, ...email, tags: { kind: 'confirm', subscriber: sub.id } });
  deps.log.info('repermission: e-mail sent', { subscriberId: sub.id, reminder, messageId });
}
