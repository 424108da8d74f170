import { type AddressObject, type Attachment, type HeaderValue, simpleParser } from 'mailparser';
import type { InboundMail } from '../app/inbound-mail.ts';

/** The largest message looked at; anything bigger is dropped unread (a feedback report with its original is far less). */
export const MAX_INBOUND_BYTES = 1024 * 1024;

/** The SMTP envelope of a message (or the SES receipt's view of it). */
export interface Envelope {
  readonly recipients: readonly string[];
  /** The envelope sender; empty for a bounce (`MAIL FROM:<>`). */
  readonly sender: string;
}

const NO_OPTIONS = { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true } as const;
// Auto-responders that predate RFC 3834 mark themselves with these.
const AUTO_HEADERS = ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress'];

function text(value: HeaderValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => text(v as HeaderValue)).join(', ');
  if (value instanceof Date) return value.toISOString();
  if ('value' in value && typeof value.value === 'string') return value.value;
  if ('text' in value) return (value as AddressObject).text;
  return '';
}

function isAutoSubmitted(headers: Map<string, HeaderValue>): boolean {
  const auto = text(headers.get('auto-submitted')).trim().toLowerCase();
  const precedence = text(headers.get('precedence')).trim().toLowerCase();
  return (auto !== '' && auto !== 'no') || precedence === 'auto_reply' || AUTO_HEADERS.some((h) => headers.has(h));
}

function fields(report: string, name: string): string[] {
  const pattern = new RegExp(`^${name}:\\s*(.+)$`, 'gim');
  return [...report.matchAll(pattern)].map((m) => (m[1] ?? '').trim().replace(/^<|>$/g, ''));
}

async function feedbackOf(attachments: Attachment[]): Promise<InboundMail['feedback']> {
  const report = attachments.find((a) => a.contentType === 'message/feedback-report');
  if (!report) return undefined;
  const original = attachments.find(
    (a) => a.contentType === 'message/rfc822' || a.contentType === 'text/rfc822-headers',
  );
  // The raw header line: mailparser folds List-* headers into its own `list` structure.
  const lines = original ? (await simpleParser(original.content, NO_OPTIONS)).headerLines : [];
  const unsubscribe = lines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
  return {
    unsubscribeAddresses: [...unsubscribe.matchAll(/<mailto:([^?>]+)/gi)].map((m) => decodeURIComponent(m[1] ?? '')),
    originalRecipients: fields(report.content.toString('utf8'), 'Original-Rcpt-To'),
  };
}

/** Parses a raw message (mailparser) into the facts receiveMail decides on; undefined when it is not a message. */
export async function readInboundMail(raw: Buffer, envelope: Envelope): Promise<InboundMail | undefined> {
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(raw, NO_OPTIONS);
  } catch {
    return undefined;
  }
  // Every mail client and every report generator writes a From; without one this is not a message we can act on.
  if (!parsed.headers.has('from')) return undefined;
  const contentType = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> };
  const reportType =
    contentType?.value?.toLowerCase() === 'multipart/report'
      ? (contentType.params?.['report-type']?.toLowerCase() ?? 'unknown')
      : undefined;
  const feedback = reportType === 'feedback-report' ? await feedbackOf(parsed.attachments) : undefined;
  return {
    recipients: envelope.recipients,
    ...(reportType ? { reportType } : {}),
    autoSubmitted: isAutoSubmitted(parsed.headers),
    nullSender: envelope.sender === '' || envelope.sender === '<>',
    ...(feedback ? { feedback } : {}),
  };
}
