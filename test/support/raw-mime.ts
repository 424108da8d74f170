import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { StoredEmail } from './local.ts';

/**
 * The raw MIME message SES would build from a Simple-content send, rebuilt from the stand-in's record: From, To,
 * Subject, Date, Message-ID, the custom headers, and a multipart/alternative text + HTML body in UTF-8 (SES's own
 * DKIM signature and Feedback-ID are the only parts missing).
 */
export async function rawMime(email: StoredEmail): Promise<string> {
  const composer = new MailComposer({
    from: decodeWords(email.from),
    to: email.destination.to,
    subject: email.subject,
    date: new Date(email.at),
    messageId: `<${email.messageId}@eu-central-1.amazonses.com>`,
    text: email.body.text,
    html: email.body.html,
    headers: (email.headers ?? []).map((h) => ({ key: h.name, value: h.value })),
    textEncoding: 'quoted-printable',
  });
  const message = await composer.compile().build();
  return message.toString('utf8');
}

/** Decodes RFC 2047 `=?UTF-8?B?…?=` words (the mailer's From display name), which the composer encodes again. */
export function decodeWords(header: string): string {
  return header.replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=/gi, (_w, b64: string) =>
    Buffer.from(b64, 'base64').toString('utf8'),
  );
}
