import { InvalidInputError } from '../errors.ts';
import { rowProblem } from '../import-outcome.ts';
import {
  column,
  type Evidence,
  type FormatReader,
  type Header,
  jsonLanguage,
  LANGUAGE_COLUMNS,
  listCell,
  yes,
} from './format-kit.ts';
import type { SuppressionReason } from './types.ts';

/** A status cell the platform's export does not have: a problem on that row. */
const unknownStatus = (what: string, value: string) =>
  rowProblem('unknown_status', `unknown ${what} "${value}"`, { value });

function emailColumn(header: Header, options: Parameters<FormatReader['open']>[1], ...names: string[]): number {
  const at = column(header, options, 'email', ...names);
  if (at === undefined) throw new InvalidInputError('import_columns', `the file has no "${names[0]}" column`);
  return at;
}

// Substack's subscriber export: email, active_subscription, expiry, plan, email_disabled, created_at,
// first_payment_at (as read by community tools over Substack's export, e.g. the Subscriber interface of
// substack-analytics projects, and Ghost's Substack migrator fixtures: email, active_subscription, expiry,
// email_disabled, created_at, stripe_customer_id, type). A Substack subscription is made by the reader's own
// sign-up, so its created_at is taken as the opt-in time; email_disabled means the reader turned e-mails off.
export const substack: FormatReader = {
  detect: (h) => h.has('email') && (h.has('email_disabled') || h.has('active_subscription')),
  open(header, options) {
    const email = emailColumn(header, options, 'email');
    const disabled = header.find('email_disabled');
    const created = column(header, options, 'optin_at', 'created_at', 'subscription_created_at');
    const language = column(header, options, 'language', ...LANGUAGE_COLUMNS);
    return (field) => {
      const createdAt = field(created);
      const evidence: Evidence = yes(field(disabled))
        ? { status: 'suppressed', reason: 'unsubscribed' }
        : createdAt
          ? { status: 'confirmed', optInAt: createdAt }
          : { status: 'repermission' };
      return { email: field(email), language: field(language), evidence };
    };
  },
};

// listmonk's subscriber export (cmd/subscribers.go, ExportSubscribers): uuid, email, name, attributes, status,
// created_at, updated_at; status is enabled, disabled or blocklisted; attributes is a JSON object; times are Go's
// time.String(). The per-list subscription status (unconfirmed, confirmed, unsubscribed) is not a column of that
// export: when a file has one (`subscription_status`, from an export by SQL), `confirmed` is the double opt-in's
// evidence. Without it, an enabled subscriber has no evidence (listmonk lists may be single opt-in).
const LISTMONK_STATUS = new Set(['enabled', 'disabled', 'blocklisted']);

export const listmonk: FormatReader = {
  detect: (h) => h.has('uuid', 'email', 'attributes', 'status'),
  open(header, options) {
    const email = emailColumn(header, options, 'email');
    const status = column(header, options, 'status', 'status');
    const subscription = header.find('subscription_status');
    const created = column(header, options, 'optin_at', 'created_at');
    const attributes = header.find('attributes');
    const language = column(header, options, 'language', ...LANGUAGE_COLUMNS);
    return (field) => {
      const attrs = jsonLanguage(field(attributes));
      const s = field(status).toLowerCase();
      const sub = field(subscription).toLowerCase();
      const evidence: Evidence = !LISTMONK_STATUS.has(s)
        ? { status: 'problem', ...unknownStatus('listmonk status', field(status)) }
        : s === 'blocklisted' || sub === 'unsubscribed'
          ? { status: 'suppressed', reason: 'unsubscribed' }
          : sub === 'confirmed'
            ? { status: 'confirmed', optInAt: field(created) }
            : { status: 'repermission' };
      return { email: field(email), language: field(language) || attrs.language, tags: attrs.tags, evidence };
    };
  },
};

// Ghost's members export (ghost/core members-csv unparse; its e2e tests match the header): id, email, name, note,
// subscribed_to_emails, complimentary_plan, stripe_customer_id, created_at, deleted_at, labels, tiers (products in
// older versions). Ghost creates a member from a sign-up only when its magic-link e-mail is followed (a double
// opt-in), so created_at is taken as the opt-in time; subscribed_to_emails false means the member turned them off.
// A `status` column (free, paid, comped) says nothing about e-mail consent and is not read.
export const ghost: FormatReader = {
  detect: (h) => h.has('email', 'subscribed_to_emails'),
  open(header, options) {
    const email = emailColumn(header, options, 'email');
    const subscribed = header.find('subscribed_to_emails');
    const deleted = header.find('deleted_at');
    const created = column(header, options, 'optin_at', 'created_at');
    const labels = header.find('labels');
    const language = column(header, options, 'language', ...LANGUAGE_COLUMNS);
    return (field) => {
      const evidence: Evidence =
        !yes(field(subscribed)) || field(deleted)
          ? { status: 'suppressed', reason: 'unsubscribed' }
          : field(created)
            ? { status: 'confirmed', optInAt: field(created) }
            : { status: 'repermission' };
      return { email: field(email), language: field(language), tags: listCell(field(labels)), evidence };
    };
  },
};

// Buttondown's subscribers (its API schema, buttondown/openapi enums.json SubscriberType): email (email_address in
// the newer API), creation_date, notes, metadata (JSON), tags, subscriber_type. Buttondown confirms by double
// opt-in; "unactivated" is a subscriber who has not yet confirmed. Every other live type received the newsletter.
const BUTTONDOWN: Record<string, 'confirmed' | 'repermission' | SuppressionReason> = {
  regular: 'confirmed',
  premium: 'confirmed',
  trialed: 'confirmed',
  unpaid: 'confirmed',
  gifted: 'confirmed',
  churning: 'confirmed',
  paused: 'confirmed',
  past_due: 'confirmed',
  unactivated: 'repermission',
  unsubscribed: 'unsubscribed',
  removed: 'cleaned',
  spammy: 'cleaned',
  complained: 'complained',
  undeliverable: 'bounced',
};

export const buttondown: FormatReader = {
  detect: (h) =>
    (h.has('email') || h.has('email_address')) &&
    (h.has('subscriber_type') || (h.has('email_address') && h.has('creation_date'))),
  open(header, options) {
    const email = emailColumn(header, options, 'email', 'email_address');
    const type = column(header, options, 'status', 'subscriber_type', 'type');
    const created = column(header, options, 'optin_at', 'creation_date', 'created_date');
    const tags = header.find('tags');
    const metadata = header.find('metadata');
    const language = column(header, options, 'language', ...LANGUAGE_COLUMNS);
    return (field) => {
      const meta = jsonLanguage(field(metadata));
      const t = field(type).toLowerCase();
      const outcome = BUTTONDOWN[t];
      const evidence: Evidence =
        outcome === undefined
          ? { status: 'problem', ...unknownStatus('Buttondown subscriber type', field(type)) }
          : outcome === 'confirmed'
            ? { status: 'confirmed', optInAt: field(created) }
            : outcome === 'repermission'
              ? { status: 'repermission' }
              : { status: 'suppressed', reason: outcome };
      return { email: field(email), language: field(language) || meta.language, tags: listCell(field(tags)), evidence };
    };
  },
};
