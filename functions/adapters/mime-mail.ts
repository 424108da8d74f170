import { type AddressObject, type HeaderValue, type ParsedMail, simpleParser } from 'mailparser';
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

const ORIGINAL_TYPE = /^content-type:\s*(message\/rfc822|text\/rfc822-headers)\b/im;

/**
 * The original message (or its headers) in a report: the part of type message/rfc822 or text/rfc822-headers, cut
 * out of the raw report by its boundary. mailparser would fold an inline message/rfc822 into the report's own text
 * and lose the original's List-Unsubscribe.
 */
function originalPart(raw: Buffer, boundary: string): Buffer | undefined {
  const text = raw.toString('latin1');
  const marker = `--${boundary}`;
  for (const part of text.split(marker).slice(1)) {
    if (part.startsWith('--')) break;
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = part.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    if (!ORIGINAL_TYPE.test(head)) continue;
    const body = part
      .slice(split)
      .replace(/^\r?\n\r?\n/, '')
      .replace(/\r?\n$/, '');
    const base64 = /^content-transfer-encoding:\s*base64/im.test(head);
    return base64 ? Buffer.from(body, 'base64') : Buffer.from(body, 'latin1');
  }
  return undefined;
}

async function feedbackOf(raw: Buffer, parsed: ParsedMail, boundary: string): Promise<InboundMail['feedback']> {
  const report = parsed.attachments.find((a) => a.contentType === 'message/feedback-report');
  if (!report) return undefined;
  const original = originalPart(raw, boundary);
  // The raw header line: mailparser folds List-* headers into its own `list` structure.
  const lines = original ? (await simpleParser(original, NO_OPTIONS)).headerLines : [];
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
  const boundary = contentType?.params?.boundary;
  const feedback = reportType === 'feedback-report' && boundary ? await feedbackOf(raw, parsed, boundary) : undefined;
  return {
    recipients: envelope.recipients,
    ...(reportType ? { reportType } : {}),
    autoSubmitted: isAutoSubmitted(parsed.headers),
    nullSender: envelope.sender === '' || envelope.sender === '<>',
    ...(feedback ? { feedback } : {}),
  };
}
