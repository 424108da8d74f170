import type { Language } from '../core/language.ts';
import { unsubscribeAddress } from '../core/mailbox.ts';
import type { KeyRing } from '../core/tokens.ts';

/** One e-mail header. */
export interface Header {
  readonly name: string;
  readonly value: string;
}

/** What the list headers of a weekly e-mail are built from. */
export interface ListHeaderSettings {
  readonly ring: KeyRing;
  /** RFC 2919 list id of the deployment, e.g. `weekly.example.org`; each language is its own list under it. */
  readonly listId: string;
  /** The domain SES receives mail for; without it the mailto part of List-Unsubscribe is left out. */
  readonly inboundDomain?: string;
}

/**
 * The list headers of every weekly e-mail: List-Unsubscribe with the reader's own mailto address (when an inbound
 * domain is set) and the one-click URL (RFC 2369, RFC 8058), List-Unsubscribe-Post, a List-Id per language
 * (`<en.weekly.example.org>`) and `Precedence: bulk`, which Mail.ru and Yandex ask of bulk mail.
 */
export function listHeaders(
  settings: ListHeaderSettings,
  reader: { subscriberId: string; language: Language; manageUrl: string },
): Header[] {
  const mailto = settings.inboundDomain
    ? unsubscribeAddress(settings.ring, reader.subscriberId, settings.inboundDomain)
    : undefined;
  const unsubscribe = mailto
    ? `<mailto:${mailto}?subject=unsubscribe>, <${reader.manageUrl}>`
    : `<${reader.manageUrl}>`;
  return [
    { name: 'List-Unsubscribe', value: unsubscribe },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    { name: 'List-Id', value: `<${reader.language}.${settings.listId}>` },
    { name: 'Precedence', value: 'bulk' },
  ];
}
