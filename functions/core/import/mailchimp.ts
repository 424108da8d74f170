import { InvalidInputError } from '../errors.ts';
import { column, type FormatReader, type Header, LANGUAGE_COLUMNS, listCell } from './format-kit.ts';

// Mailchimp's audience export is a ZIP of three CSV files, subscribed_members_export_<id>.csv,
// unsubscribed_members_export_<id>.csv and cleaned_members_export_<id>.csv. Their columns, as in the fixtures of
// Ghost's Mailchimp migrator (TryGhost/migrate, packages/mg-mailchimp-members/src/test/fixtures/*.csv): `Email Address`,
// the merge fields (`First Name`...), MEMBER_RATING, OPTIN_TIME, OPTIN_IP, CONFIRM_TIME, CONFIRM_IP, LATITUDE ...
// REGION, then LAST_CHANGED (subscribed), UNSUB_TIME, UNSUB_CAMPAIGN_TITLE, UNSUB_CAMPAIGN_ID, UNSUB_REASON,
// UNSUB_REASON_OTHER (unsubscribed) or CLEAN_TIME, CLEAN_CAMPAIGN_TITLE, CLEAN_CAMPAIGN_ID (cleaned), then LEID,
// EUID, NOTES, TAGS (`"Tag one","Tag two"`). A group becomes a column named by the group's title (`Language`).
// Times are `YYYY-MM-DD HH:MM:SS`, UTC. OPTIN_IP and CONFIRM_IP are never read.

type Kind = 'subscribed' | 'unsubscribed' | 'cleaned';

function kindOf(header: Header, fileName: string): Kind {
  const name = fileName.toLowerCase().replace(/^.*[\\/]/, '');
  if (header.has('UNSUB_TIME') || name.startsWith('unsubscribed')) return 'unsubscribed';
  if (header.has('CLEAN_TIME') || name.startsWith('cleaned')) return 'cleaned';
  return 'subscribed';
}

export const mailchimp: FormatReader = {
  detect: (h) => h.has('Email Address') && (h.has('OPTIN_TIME') || h.has('CONFIRM_TIME') || h.has('MEMBER_RATING')),
  open(header, options) {
    const email = column(header, options, 'email', 'Email Address');
    if (email === undefined) throw new InvalidInputError('import_columns', 'the file has no "Email Address" column');
    const kind = kindOf(header, options.fileName);
    const optIn = column(header, options, 'optin_at', 'OPTIN_TIME');
    const confirm = column(header, options, 'confirmed_at', 'CONFIRM_TIME');
    const language = column(header, options, 'language', ...LANGUAGE_COLUMNS);
    const tags = header.find('TAGS');
    return (field) => {
      const facts = { email: field(email), language: field(language), tags: listCell(field(tags)) };
      if (kind !== 'subscribed') return { ...facts, evidence: { status: 'suppressed', reason: kind } };
      const optInAt = field(optIn);
      const confirmedAt = field(confirm);
      // A subscribed member with either time opted in through Mailchimp (a CONFIRM_TIME is the double opt-in's);
      // one with neither was added by hand or an import, and must be asked.
      if (!optInAt && !confirmedAt) return { ...facts, evidence: { status: 'repermission' } };
      return { ...facts, evidence: { status: 'confirmed', optInAt, confirmedAt } };
    };
  },
};
