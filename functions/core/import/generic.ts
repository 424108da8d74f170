import { InvalidInputError } from '../errors.ts';
import { column, type Evidence, type FormatReader, LANGUAGE_COLUMNS, listCell } from './format-kit.ts';

// Any CSV with an e-mail column. Its columns are the ones `map` names (`--map email=E-mail,confirmed_at=Signed up`),
// else the usual names below. A status cell names a suppression (unsubscribed, cleaned, bounced, complained, and
// the usual synonyms) or a confirmed double opt-in (`confirmed`); a confirm or opt-in time is evidence too.
const EMAIL = ['email', 'e-mail', 'email address', 'email_address', 'mail', 'emailaddress'];
const SUPPRESSED: Record<string, 'unsubscribed' | 'cleaned' | 'bounced' | 'complained'> = {
  unsubscribed: 'unsubscribed',
  unsubscribe: 'unsubscribed',
  'opted out': 'unsubscribed',
  optout: 'unsubscribed',
  blocklisted: 'unsubscribed',
  blacklisted: 'unsubscribed',
  cleaned: 'cleaned',
  bounced: 'bounced',
  bounce: 'bounced',
  complained: 'complained',
  complaint: 'complained',
  spam: 'complained',
};

export function statusEvidence(status: string, optInAt: string, confirmedAt: string): Evidence {
  const s = status.trim().toLowerCase();
  const reason = SUPPRESSED[s];
  if (reason) return { status: 'suppressed', reason };
  if (optInAt || confirmedAt || s === 'confirmed') return { status: 'confirmed', optInAt, confirmedAt };
  return { status: 'repermission' };
}

export const generic: FormatReader = {
  detect: (h) => h.find(...EMAIL) !== undefined,
  open(header, options) {
    const email = column(header, options, 'email', ...EMAIL);
    if (email === undefined) {
      const wanted = options.map?.email ?? EMAIL.join('", "');
      throw new InvalidInputError('import_columns', `the file has no e-mail column ("${wanted}"): name it with --map`);
    }
    const language = column(header, options, 'language', ...LANGUAGE_COLUMNS);
    const confirmed = column(header, options, 'confirmed_at', 'confirmed_at', 'confirm_time', 'confirmed');
    const optIn = column(header, options, 'optin_at', 'optin_at', 'optin_time', 'subscribed_at');
    const status = column(header, options, 'status', 'status');
    const tags = header.find('tags', 'labels', 'groups');
    return (field) => ({
      email: field(email),
      language: field(language),
      tags: listCell(field(tags)),
      evidence: statusEvidence(field(status), field(optIn), field(confirmed)),
    });
  },
};
