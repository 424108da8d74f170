import { t, tp } from '../functions/core/i18n.ts';
import type { Language } from '../functions/core/language.ts';
import compiled from './compiled/emails.json' with { type: 'json' };

/** A ready-to-send e-mail: subject line, HTML part and plain-text part. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five HTML-significant characters, for text and attribute values alike. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

const PLACEHOLDER = /\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g;

/** Fills `{{name}}` with the HTML-escaped value and `{{{name}}}` with the raw value; a missing value throws. */
export function fillTemplate(html: string, values: Record<string, string>): string {
  return html.replace(PLACEHOLDER, (_whole, raw: string | undefined, escaped: string | undefined) => {
    const name = (raw ?? escaped) as string;
    const value = values[name];
    if (value === undefined) throw new Error(`No value for template placeholder "${name}"`);
    return raw === undefined ? escapeHtml(value) : value;
  });
}

/** Values every layout shares: language, brand, signature. */
export function commonValues(lang: Language): Record<string, string> {
  const brand = t(lang, 'brand');
  return { lang, brand, signature: t(lang, 'common.signature', { brand }) };
}

/** The confirmation e-mail of the double opt-in, with the link valid for `expiresInDays`. */
export function renderConfirmationEmail(
  lang: Language,
  p: { confirmUrl: string; expiresInDays: number },
): RenderedEmail {
  const common = commonValues(lang);
  const brand = common.brand as string;
  const subject = t(lang, 'email.confirm.subject', { brand });
  const heading = t(lang, 'email.confirm.heading');
  const intro = t(lang, 'email.confirm.intro', { brand, language: t(lang, `language.in.${lang}`) });
  const button = t(lang, 'email.confirm.button');
  const linkHint = t(lang, 'email.linkHint');
  const expires = tp(lang, 'email.confirm.expires', p.expiresInDays);
  const ignore = t(lang, 'email.confirm.ignore');
  const html = fillTemplate(compiled.confirm, {
    ...common,
    title: subject,
    preheader: t(lang, 'email.confirm.preheader'),
    heading,
    intro,
    button,
    confirmUrl: p.confirmUrl,
    linkHint,
    expires,
    ignore,
  });
  const text = [heading, intro, `${button}:\n${p.confirmUrl}`, expires, ignore, `-- \n${common.signature}`];
  return { subject, html, text: `${text.join('\n\n')}\n` };
}

/** The e-mail sent when an already-confirmed address subscribes again; points to the manage page. */
export function renderAlreadySubscribedEmail(lang: Language, p: { manageUrl: string }): RenderedEmail {
  const common = commonValues(lang);
  const brand = common.brand as string;
  const subject = t(lang, 'email.already.subject', { brand });
  const heading = t(lang, 'email.already.heading');
  const intro = t(lang, 'email.already.intro', { brand });
  const manageHint = t(lang, 'email.already.manage');
  const button = t(lang, 'common.manage');
  const ignore = t(lang, 'email.already.ignore');
  const html = fillTemplate(compiled.alreadySubscribed, {
    ...common,
    title: subject,
    preheader: t(lang, 'email.already.preheader'),
    heading,
    intro,
    manageHint,
    button,
    manageUrl: p.manageUrl,
    linkHint: t(lang, 'email.linkHint'),
    ignore,
  });
  const text = [heading, intro, `${manageHint}\n${p.manageUrl}`, ignore, `-- \n${common.signature}`];
  return { subject, html, text: `${text.join('\n\n')}\n` };
}
