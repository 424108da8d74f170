import { escapeHtml } from '../functions/core/html.ts';
import type { Language } from '../functions/core/language.ts';
import type { RenderedEmail } from '../functions/core/rendered-email.ts';
import { commonValues } from './common.ts';
import alreadySubscribedLayout from './compiled/alreadySubscribed.json' with { type: 'json' };
import confirmLayout from './compiled/confirm.json' with { type: 'json' };
import commonTexts from './compiled/messages/common.json' with { type: 'json' };
import emailAlreadyTexts from './compiled/messages/email.already.json' with { type: 'json' };
import emailConfirmTexts from './compiled/messages/email.confirm.json' with { type: 'json' };
import emailTexts from './compiled/messages/email.json' with { type: 'json' };
import emailRepermissionTexts from './compiled/messages/email.repermission.json' with { type: 'json' };
import emailWelcomeTexts from './compiled/messages/email.welcome.json' with { type: 'json' };
import welcomeLayout from './compiled/welcome.json' with { type: 'json' };
import { fillTemplate } from './fill.ts';
import { inLanguage, translator } from './messages.ts';

// The parts every e-mail here names, and each e-mail's own: a bundle carries only those of the e-mails it renders.
const t = /* @__PURE__ */ translator(commonTexts, emailTexts);
const confirmMessages = /* @__PURE__ */ translator(commonTexts, emailTexts, emailConfirmTexts);
const alreadyMessages = /* @__PURE__ */ translator(commonTexts, emailTexts, emailAlreadyTexts);
const welcomeMessages = /* @__PURE__ */ translator(commonTexts, emailTexts, emailWelcomeTexts);
// The re-permission e-mail shares the confirmation's layout, and so its `email.confirm.expires`.
const repermissionMessages = /* @__PURE__ */ translator(
  commonTexts,
  emailTexts,
  emailConfirmTexts,
  emailRepermissionTexts,
);

/**
 * A long URL as link text that wraps without `word-break` (Yahoo and Windows Mail ignore it): a `<wbr>` after each
 * `?`, `=`, `.` and `&`, and every 24 characters inside a long run.
 */
export function wrappableUrl(url: string): string {
  return url
    .split(/(?<=[?=.&]|[^:/]\/)/)
    .map((part) => (part.match(/.{1,24}/g) ?? []).map(escapeHtml).join('<wbr>'))
    .join('<wbr>');
}

/** The erase link's line of every reader e-mail, for the layouts: hint, link text, URL. */
function eraseValues(lang: Language, eraseUrl: string) {
  return { eraseHint: t(lang, 'email.eraseHint'), erase: t(lang, 'common.erase'), eraseUrl };
}

/** The erase link's paragraph in the text part. */
function eraseText(lang: Language, eraseUrl: string): string {
  return `${t(lang, 'email.eraseHint')}\n${t(lang, 'common.erase')}: ${eraseUrl}`;
}

/** The confirmation e-mail of the double opt-in, with the link valid for `expiresInDays`. */
export function renderConfirmationEmail(
  lang: Language,
  p: { confirmUrl: string; eraseUrl: string; expiresInDays: number; brandColour?: string },
): RenderedEmail {
  const t = confirmMessages;
  const common = commonValues(lang, t(lang, 'email.confirm.preheader'), p.brandColour);
  const brand = common.brand;
  const subject = t(lang, 'email.confirm.subject', { brand });
  const heading = t(lang, 'email.confirm.heading');
  const intro = t(lang, 'email.confirm.intro', { brand, language: inLanguage(lang, lang) });
  const texts = { subject, heading, intro, ignore: t(lang, 'email.confirm.ignore') };
  return confirmLayoutEmail(lang, common, { ...texts, button: t(lang, 'email.confirm.button') }, p);
}

/** An e-mail whose one button confirms (the confirmation and the re-permission e-mails): HTML and text alike. */
function confirmLayoutEmail(
  lang: Language,
  common: ReturnType<typeof commonValues>,
  w: { subject: string; heading: string; intro: string; button: string; ignore: string },
  p: { confirmUrl: string; eraseUrl: string; expiresInDays: number },
): RenderedEmail {
  const t = confirmMessages;
  const expires = t.plural(lang, 'email.confirm.expires', p.expiresInDays).replace(/(\d) /, '$1\u00a0');
  const { subject, heading, intro, button, ignore } = w;
  const html = fillTemplate(confirmLayout, {
    ...common,
    title: subject,
    heading,
    intro,
    button,
    confirmUrl: p.confirmUrl,
    confirmUrlWrapped: wrappableUrl(p.confirmUrl),
    linkHint: t(lang, 'email.linkHint'),
    expires,
    ignore,
    ...eraseValues(lang, p.eraseUrl),
  });
  const text = [heading, intro, `${button}:\n${p.confirmUrl}`, expires, ignore, eraseText(lang, p.eraseUrl)];
  text.push(`-- \n${common.signature}`);
  return { subject, html, text: `${text.join('\n\n').replace(/\u00a0/g, ' ')}\n` };
}

/** The e-mail sent when an already-confirmed address subscribes again; points to the manage page. */
export function renderAlreadySubscribedEmail(
  lang: Language,
  p: { manageUrl: string; eraseUrl: string; brandColour?: string },
): RenderedEmail {
  const t = alreadyMessages;
  const common = commonValues(lang, t(lang, 'email.already.preheader'), p.brandColour);
  const brand = common.brand;
  const subject = t(lang, 'email.already.subject', { brand });
  const heading = t(lang, 'email.already.heading');
  const intro = t(lang, 'email.already.intro', { brand });
  const manageHint = t(lang, 'email.already.manage');
  const ignore = t(lang, 'email.already.ignore');
  const html = fillTemplate(alreadySubscribedLayout, {
    ...common,
    title: subject,
    heading,
    intro,
    manageHint,
    button: t(lang, 'common.manage'),
    manageUrl: p.manageUrl,
    manageUrlWrapped: wrappableUrl(p.manageUrl),
    linkHint: t(lang, 'email.linkHint'),
    ignore,
    ...eraseValues(lang, p.eraseUrl),
  });
  const text = [heading, intro, `${manageHint}\n${p.manageUrl}`, ignore, eraseText(lang, p.eraseUrl)];
  text.push(`-- \n${common.signature}`);
  return { subject, html, text: `${text.join('\n\n')}\n` };
}

/** What the welcome e-mail needs: when editions arrive (in words), the archive, the latest edition if any. */
export interface WelcomeParams {
  readonly manageUrl: string;
  readonly eraseUrl: string;
  readonly archiveUrl: string;
  readonly latestUrl?: string;
  /** E.g. "every Friday at 09:00 (GMT+3)"; undefined: "once a week". */
  readonly schedule?: string;
  readonly brandColour?: string;
}

/** The welcome after the first confirmation: what to expect and when, the latest edition, the archive. */
export function renderWelcomeEmail(lang: Language, p: WelcomeParams): RenderedEmail {
  const t = welcomeMessages;
  const common = commonValues(lang, t(lang, 'email.welcome.preheader'), p.brandColour);
  const brand = common.brand;
  const subject = t(lang, 'email.welcome.subject', { brand });
  const heading = t(lang, 'email.welcome.heading', { brand });
  const intro = t(lang, 'email.welcome.intro', { language: inLanguage(lang, lang) });
  const when = t(lang, 'email.welcome.when', { schedule: p.schedule ?? t(lang, 'email.welcome.weekly') });
  const latest = t(lang, 'email.welcome.latest');
  const archive = t(lang, 'email.welcome.archive');
  const manageHint = t(lang, 'email.welcome.manage');
  const manage = t(lang, 'common.manage');
  const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
  const links = [p.latestUrl && link(p.latestUrl, latest), link(p.archiveUrl, archive)].filter(Boolean).join(' · ');
  const html = fillTemplate(welcomeLayout, {
    ...common,
    title: subject,
    heading,
    intro,
    when,
    links,
    manageHint,
    manage,
    manageUrl: p.manageUrl,
    ...eraseValues(lang, p.eraseUrl),
  });
  const text = [
    heading,
    intro,
    when,
    ...(p.latestUrl ? [`${latest}: ${p.latestUrl}`] : []),
    `${archive}: ${p.archiveUrl}`,
    `${manageHint}\n${manage}: ${p.manageUrl}`,
    eraseText(lang, p.eraseUrl),
    `-- \n${common.signature}`,
  ];
  return { subject, html, text: `${text.join('\n\n')}\n` };
}

/**
 * The re-permission e-mail to an imported reader without evidence of consent ("you were on our list at <source>;
 * press to keep receiving"), or its one reminder. Its button leads to the confirm page (GET shows a button, POST
 * confirms); unanswered, the reader's record is erased when the link expires.
 */
export function renderRepermissionEmail(
  lang: Language,
  p: {
    confirmUrl: string;
    eraseUrl: string;
    source: string;
    expiresInDays: number;
    reminder: boolean;
    brandColour?: string;
  },
): RenderedEmail {
  const t = repermissionMessages;
  const common = commonValues(lang, t(lang, 'email.repermission.preheader'), p.brandColour);
  const brand = common.brand;
  const subject = t(lang, p.reminder ? 'email.repermission.reminderSubject' : 'email.repermission.subject', { brand });
  const heading = t(lang, 'email.repermission.heading', { brand });
  const intro = t(lang, 'email.repermission.intro', { brand, source: p.source });
  const texts = { subject, heading, intro, ignore: t(lang, 'email.repermission.ignore') };
  return confirmLayoutEmail(lang, common, { ...texts, button: t(lang, 'email.repermission.button') }, p);
}
