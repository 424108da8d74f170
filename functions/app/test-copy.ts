import { personalizeDigest } from '../../templates/personalize.ts';
import { normalizeEmail } from '../core/email.ts';
import { subscriberIdFor } from '../core/identity.ts';
import type { Language } from '../core/language.ts';
import { readerIds } from '../core/reader-ids.ts';
import type { KeyRing } from '../core/tokens.ts';
import type { EditionSettings } from './digest.ts';
import { editionDigests, findDigest } from './editions.ts';
import { eraseUrl, manageUrl } from './links.ts';
import { listHeaders } from './list-headers.ts';
import type { CommentarySource } from './ports/commentary-source.ts';
import type { Log } from './ports/log.ts';
import type { Mailer } from './ports/mailer.ts';
import type { SubscriberStore } from './ports/subscriber-store.ts';

/** Dependencies of a test copy. */
export interface TestCopyDeps {
  readonly commentaries: CommentarySource;
  readonly settings: EditionSettings;
  readonly subscribers: Pick<SubscriberStore, 'get'>;
  readonly mailer: Mailer;
  readonly ring: KeyRing;
  readonly idKey: Uint8Array;
  readonly publicUrl: string;
  readonly listId: string;
  /** As for the real send: the mailto part of List-Unsubscribe. */
  readonly inboundDomain?: string;
  readonly now: () => number;
  readonly log: Log;
}

/**
 * Mails a `[TEST]` copy of an edition to each address, rendered and headed exactly as the real send does (its
 * header builder, a manage link for that address), in the given language, else the reader's own, else the first
 * digest. Every address is checked before the first e-mail goes; the edition stays unsent.
 */
export async function sendTestCopies(
  deps: TestCopyDeps,
  edition: string,
  to: readonly string[],
  language?: Language,
): Promise<{ edition: string; sent: { language: Language }[] }> {
  const addresses = to.map((raw) => normalizeEmail(raw));
  const { digests } = await editionDigests(deps, edition);
  if (language) findDigest(digests, language, edition);
  const sent: { language: Language }[] = [];
  for (const { address, key } of addresses) {
    const id = subscriberIdFor(deps.idKey, key);
    const wanted = language ?? (await deps.subscribers.get(id))?.language;
    const digest = digests.find((d) => d.plan.language === wanted) ?? (digests[0] as (typeof digests)[number]);
    const url = manageUrl(deps.publicUrl, deps.ring, id, deps.now());
    const erase = eraseUrl(deps.publicUrl, deps.ring, readerIds(deps.idKey, key), digest.plan.language, deps.now());
    const mail = personalizeDigest(digest.rendered, url, erase);
    await deps.mailer.send({
      to: address,
      ...mail,
      subject: `[TEST] ${mail.subject}`,
      headers: listHeaders(deps, { subscriberId: id, language: digest.plan.language, manageUrl: url }),
      tags: { edition, kind: 'test' },
    });
    sent.push({ language: digest.plan.language });
  }
  deps.log.info('test copies sent', { edition, count: sent.length });
  return { edition, sent };
}
