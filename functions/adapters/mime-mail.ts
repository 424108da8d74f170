import type { Email, Header } from 'postal-mime';
import type { InboundMail } from '../app/inbound-mail.ts';

/** The largest message looked at; anything bigger is dropped unread (a feedback report with its original is far less). */
export const MAX_INBOUND_BYTES = 1024 * 1024;

/** The SMTP envelope of a message (or the SES receipt's view of it). */
export interface Envelope {
  readonly recipients: readonly string[];
  /** The envelope sender; empty for a bounce (`MAIL FROM:<>`). */
  readonly sender: string;
  /** The domains SPF or DKIM passed for, as the receiving service checked them (none on the SMTP stand-in). */
  readonly authenticatedDomains?: readonly string[];
}

// Auto-responders that predate RFC 3834 mark themselves with these.
const AUTO_HEADERS = ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress'];

/**
 * Parses with postal-mime (70 KB minified, no dependencies; mailparser with its charset tables was 883 KB), loaded
 * on the first message rather than at cold start: the receiving function's module init no longer evaluates it.
 */
async function parse(raw: Buffer): Promise<Email> {
  const { default: PostalMime } = await import('postal-mime');
  return PostalMime.parse(raw);
}

function header(headers: readonly Header[], name: string): string {
  return headers.find((h) => h.key === name)?.value ?? '';
}

function isAutoSubmitted(headers: readonly Header[]): boolean {
  const auto = header(headers, 'auto-submitted').trim().toLowerCase();
  const precedence = header(headers, 'precedence').trim().toLowerCase();
  return (
    (auto !== '' && auto !== 'no') || precedence === 'auto_reply' || headers.some((h) => AUTO_HEADERS.includes(h.key))
  );
}

/** A Content-Type value's type (lower case) and parameters (names in lower case, quotes removed). */
function contentTypeOf(value: string): { type: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  for (const m of value.matchAll(/;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))/g))
    params[(m[1] as string).toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  return { type: (value.split(';')[0] ?? '').trim().toLowerCase(), params };
}

function fields(report: string, name: string): string[] {
  const pattern = new RegExp(`^${name}:\\s*(.+)$`, 'gim');
  return [...report.matchAll(pattern)].map((m) => (m[1] ?? '').trim().replace(/^<|>$/g, ''));
}

const ORIGINAL_TYPE = /^content-type:\s*(message\/rfc822|text\/rfc822-headers)\b/im;

/**
 * The original message (or its headers) in a report: the part of type message/rfc822 or text/rfc822-headers, cut
 * out of the raw report by its boundary, as the original arrived (whatever a parser makes of a nested message).
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

async function feedbackOf(raw: Buffer, parsed: Email, boundary: string): Promise<InboundMail['feedback']> {
  const report = parsed.attachments.find((a) => a.mimeType === 'message/feedback-report');
  if (!report) return undefined;
  const original = originalPart(raw, boundary);
  const unsubscribe = original ? header((await parse(original)).headers, 'list-unsubscribe') : '';
  const content = typeof report.content === 'string' ? report.content : new TextDecoder().decode(report.content);
  return {
    unsubscribeAddresses: [...unsubscribe.matchAll(/<mailto:([^?>]+)/gi)].map((m) => decodeURIComponent(m[1] ?? '')),
    originalRecipients: fields(content, 'Original-Rcpt-To'),
  };
}

/** Parses a raw message (postal-mime) into the facts receiveMail decides on; undefined when it is not a message. */
export async function readInboundMail(raw: Buffer, envelope: Envelope): Promise<InboundMail | undefined> {
  let parsed: Email;
  try {
    parsed = await parse(raw);
  } catch {
    return undefined;
  }
  // Every mail client and every report generator writes a From; without one this is not a message we can act on.
  if (!parsed.headers.some((h) => h.key === 'from')) return undefined;
  const contentType = contentTypeOf(header(parsed.headers, 'content-type'));
  const reportType =
    contentType.type === 'multipart/report'
      ? (contentType.params['report-type']?.toLowerCase() ?? 'unknown')
      : undefined;
  const boundary = contentType.params.boundary;
  const feedback = reportType === 'feedback-report' && boundary ? await feedbackOf(raw, parsed, boundary) : undefined;
  return {
    recipients: envelope.recipients,
    ...(reportType ? { reportType } : {}),
    autoSubmitted: isAutoSubmitted(parsed.headers),
    nullSender: envelope.sender === '' || envelope.sender === '<>',
    ...(envelope.authenticatedDomains?.length ? { authenticatedDomains: envelope.authenticatedDomains } : {}),
    ...(feedback ? { feedback } : {}),
  };
}
