import { webVersionUrl } from '../../templates/digest.ts';
import { renderWelcomeEmail } from '../../templates/emails.ts';
import { scheduleInWords } from '../../templates/schedule.ts';
import { SendFailure } from '../core/errors.ts';
import type { Language } from '../core/language.ts';
import { mailboxOf } from '../core/reader-ids.ts';
import type { Subscription } from '../core/subscription.ts';
import type { KeyRing } from '../core/tokens.ts';
import { eraseUrl, manageUrl } from './links.ts';
import type { AddressCipher } from './ports/address-cipher.ts';
import type { ArchiveStore } from './ports/archive-store.ts';
import type { Log } from './ports/log.ts';
import type { Mailer } from './ports/mailer.ts';
import type { WelcomeLedger } from './ports/welcome-ledger.ts';

/** Dependencies of the welcome step. */
export interface WelcomeDeps {
  readonly welcomes: WelcomeLedger;
  readonly mailer: Mailer;
  /** Opens the reader's sealed address to mail it. */
  readonly cipher: Pick<AddressCipher, 'open'>;
  readonly archive: Pick<ArchiveStore, 'latest'>;
  readonly ring: KeyRing;
  /** Derives the canonical mailbox's id the erase link names. */
  readonly idKey: Uint8Array;
  readonly publicUrl: string;
  readonly now: () => number;
  readonly log: Log;
  readonly schedule: { readonly expression: string; readonly timeZone: string };
  readonly senderNames?: Partial<Record<Language, string>>;
  readonly brandColour?: string;
}

/** A claim older than this was left by a process that died between the claim and the send. */
const STALE_MS = 5 * 60_000;

/**
 * The small step after a confirmation: mails the welcome (what to expect and when, the latest edition, the
 * archive, the manage link) exactly once per subscription. Pressing the confirm button again finds the claim and
 * sends nothing; a failed send gives the claim back so the next press can send it.
 */
export async function welcomeOnce(
  deps: WelcomeDeps,
  sub: Subscription,
): Promise<'sent' | 'already' | 'skipped' | 'uncertain'> {
  if (sub.status !== 'confirmed' || sub.confirmedAt === undefined) return 'skipped';
  const now = deps.now();
  if (!(await deps.welcomes.claim(sub.id, sub.confirmedAt, now, now - STALE_MS))) return 'already';
  const lang = sub.language;
  const latest = await deps.archive.latest(lang);
  const schedule = scheduleInWords(lang, deps.schedule.expression, deps.schedule.timeZone, now);
  const to = deps.cipher.open(sub.address, sub.id);
  const mail = renderWelcomeEmail(lang, {
    manageUrl: manageUrl(deps.publicUrl, deps.ring, sub.id, now),
    eraseUrl: eraseUrl(deps.publicUrl, deps.ring, { id: sub.id, mailbox: mailboxOf(deps.idKey, to) }, lang, now),
    archiveUrl: `${deps.publicUrl}/archive/${lang}`,
    ...(latest ? { latestUrl: webVersionUrl(deps.publicUrl, lang, latest) } : {}),
    ...(deps.brandColour ? { brandColour: deps.brandColour } : {}),
    ...(schedule ? { schedule } : {}),
  });
  const fromName = deps.senderNames?.[lang];
  try {
    const { messageId } = await deps.mailer.send({
      to,
      ...(fromName ? { fromName } : {}),
      ...mail,
      tags: { kind: 'welcome', subscriber: sub.id },
    });
    await deps.welcomes.settle(sub.id, sub.confirmedAt, messageId, deps.now());
    deps.log.info('welcome: sent', { subscriberId: sub.id, messageId });
    return 'sent';
  } catch (error) {
    if (error instanceof SendFailure && error.kind === 'uncertain') {
      // SES may have taken it: settled without a message id, so no later confirm sends a second welcome.
      await deps.welcomes.settle(sub.id, sub.confirmedAt, '', deps.now());
      deps.log.warn('welcome: SES answer lost, not resent', { subscriberId: sub.id });
      return 'uncertain';
    }
    await deps.welcomes.release(sub.id, sub.confirmedAt);
    if (!(error instanceof SendFailure)) throw error;
    deps.log.warn('welcome: not sent; the next confirm tries again', { subscriberId: sub.id, kind: error.kind });
    return 'skipped';
  }
}
