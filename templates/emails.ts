import type { Language } from '../functions/core/language.ts';
import type { RenderedEmail } from '../functions/core/rendered-email.ts';
import { commonValues } from './common.ts';
import alreadySubscribedLayout from './compiled/alreadySubscribed.json' with { type: 'json' };
import confirmLayout from './compiled/confirm.json' with { type: 'json' };
import { fillTemplate } from './fill.ts';
import { t, tp } from './i18n.ts';

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
  const html = fillTemplate(confirmLayout, {
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
  const html = fillTemplate(alreadySubscribedLayout, {
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
