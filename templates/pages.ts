import { escapeHtml } from '../functions/core/html.ts';
import { LANGUAGES, type Language } from '../functions/core/language.ts';
import brandTexts from './compiled/messages/brand.json' with { type: 'json' };
import commonTexts from './compiled/messages/common.json' with { type: 'json' };
import pageCheckInboxTexts from './compiled/messages/page.checkInbox.json' with { type: 'json' };
import pageConfirmTexts from './compiled/messages/page.confirm.json' with { type: 'json' };
import pageConfirmedTexts from './compiled/messages/page.confirmed.json' with { type: 'json' };
import pageEraseTexts from './compiled/messages/page.erase.json' with { type: 'json' };
import pageErasedTexts from './compiled/messages/page.erased.json' with { type: 'json' };
import pageErrorTexts from './compiled/messages/page.error.json' with { type: 'json' };
import pageInvalidLinkTexts from './compiled/messages/page.invalidLink.json' with { type: 'json' };
import pageLanguageChangedTexts from './compiled/messages/page.languageChanged.json' with { type: 'json' };
import pageManageTexts from './compiled/messages/page.manage.json' with { type: 'json' };
import pageSubscribeErrorTexts from './compiled/messages/page.subscribeError.json' with { type: 'json' };
import pageUnsubscribedTexts from './compiled/messages/page.unsubscribed.json' with { type: 'json' };
import { inLanguage, languageName, translator } from './messages.ts';
import { pageShell } from './page-shell.ts';
import { PAGE_STYLE_HASH, PAGE_STYLESHEET } from './page-style.ts';
import { signupFormFields } from './signup-form.ts';

const t = /* @__PURE__ */ translator(
  brandTexts,
  commonTexts,
  pageCheckInboxTexts,
  pageConfirmTexts,
  pageConfirmedTexts,
  pageInvalidLinkTexts,
  pageManageTexts,
  pageUnsubscribedTexts,
  pageEraseTexts,
  pageErasedTexts,
  pageSubscribeErrorTexts,
  pageLanguageChangedTexts,
  pageErrorTexts,
);

/** Which page to render, with the values it needs. */
export type PageParams =
  | { page: 'checkInbox' }
  | { page: 'confirm'; token: string }
  | { page: 'confirmed'; manageUrl: string; siteUrl?: string }
  | { page: 'invalidLink' }
  | { page: 'manage'; token: string; language: Language }
  | { page: 'unsubscribed'; token: string; siteUrl?: string }
  | { page: 'subscribeError'; problem: SubscribeProblem; email: string }
  | { page: 'languageChanged'; token: string; language: Language }
  | { page: 'erase'; token: string }
  | { page: 'erased' }
  | { page: 'error'; status: number };

/** What was wrong with a signup form post. */
export type SubscribeProblem = 'email' | 'language' | 'request';

/** Response headers for every page: no external requests, no framing, no caching, no referrer. */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; style-src ${PAGE_STYLE_HASH}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const ERROR_STATUSES = new Set([400, 404, 413, 415, 429, 500]);

const p = (text: string, cls = ''): string => `<p${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</p>`;

function manageAction(token: string): string {
  return `/unsubscribe?token=${escapeHtml(encodeURIComponent(token))}`;
}

function nameIn(code: Language): string {
  return `<span lang="${code}">${escapeHtml(languageName(code))}</span>`;
}

function subscribeForm(lang: Language, email = ''): string {
  const fields = signupFormFields(lang, { layout: 'page', selected: lang, values: { email } });
  return `<form method="post" action="/subscribe" enctype="application/x-www-form-urlencoded">${fields}</form>`;
}

function managePage(lang: Language, token: string, current: Language): string {
  const action = manageAction(token);
  const brand = t(lang, 'brand');
  const radios = LANGUAGES.map(
    (code) =>
      `<label class="choice"><input type="radio" name="language" value="${code}"${code === current ? ' checked' : ''}> ${nameIn(code)}</label>`,
  ).join('');
  return (
    '<section aria-labelledby="unsubscribe-heading">' +
    `<h2 id="unsubscribe-heading">${escapeHtml(t(lang, 'page.manage.unsubscribe.heading'))}</h2>` +
    p(t(lang, 'page.manage.unsubscribe.body', { brand })) +
    `<form method="post" action="${action}"><input type="hidden" name="action" value="unsubscribe">` +
    `<button type="submit">${escapeHtml(t(lang, 'page.manage.unsubscribe.button'))}</button></form></section>` +
    '<section id="language" aria-labelledby="language-heading">' +
    `<h2 id="language-heading">${escapeHtml(t(lang, 'page.manage.language.heading'))}</h2>` +
    `<form method="post" action="${action}"><input type="hidden" name="action" value="language">` +
    `<fieldset><legend>${escapeHtml(t(lang, 'page.manage.language.body'))}</legend>${radios}</fieldset>` +
    `<button type="submit" class="secondary">${escapeHtml(t(lang, 'page.manage.language.button'))}</button></form>` +
    '</section>'
  );
}

/** The page's title and the HTML of its body (after the heading). */
function content(lang: Language, params: PageParams): { title: string; body: string } {
  const brand = t(lang, 'brand');
  switch (params.page) {
    case 'checkInbox':
      return {
        title: t(lang, 'page.checkInbox.title'),
        body: p(t(lang, 'page.checkInbox.body')) + p(t(lang, 'page.checkInbox.hint'), 'muted'),
      };
    case 'confirm':
      return {
        title: t(lang, 'page.confirm.title'),
        body:
          p(t(lang, 'page.confirm.body', { brand })) +
          p(t(lang, 'page.confirm.note'), 'note') +
          `<form method="post" action="/confirm"><input type="hidden" name="token" value="${escapeHtml(params.token)}">` +
          `<button type="submit">${escapeHtml(t(lang, 'page.confirm.button'))}</button></form>`,
      };
    case 'confirmed':
      return {
        title: t(lang, 'page.confirmed.title'),
        body:
          p(t(lang, 'page.confirmed.body', { brand })) +
          p(t(lang, 'page.confirmed.manage'), 'muted') +
          `<p><a href="${escapeHtml(params.manageUrl)}">${escapeHtml(t(lang, 'common.manage'))}</a></p>` +
          // Where to go next: the past editions (served beside this page), and the site when one is configured.
          `<p><a href="/archive/${lang}">${escapeHtml(t(lang, 'page.confirmed.archive'))}</a></p>` +
          (params.siteUrl
            ? `<p><a href="${escapeHtml(params.siteUrl)}">${escapeHtml(t(lang, 'page.confirmed.site'))}</a></p>`
            : ''),
      };
    case 'invalidLink':
      return {
        title: t(lang, 'page.invalidLink.title'),
        body: p(t(lang, 'page.invalidLink.body')) + subscribeForm(lang),
      };
    case 'manage':
      return { title: t(lang, 'page.manage.title'), body: managePage(lang, params.token, params.language) };
    case 'unsubscribed':
      return {
        title: t(lang, 'page.unsubscribed.title'),
        body:
          p(t(lang, 'page.unsubscribed.body', { brand })) +
          // A way back: the site's signup form when a site is configured, else the form itself, here.
          (params.siteUrl
            ? p(t(lang, 'page.unsubscribed.again'), 'muted') +
              `<p><a href="${escapeHtml(params.siteUrl)}">${escapeHtml(t(lang, 'page.unsubscribed.site'))}</a></p>`
            : p(t(lang, 'page.unsubscribed.againHere'), 'muted') + subscribeForm(lang)),
      };
    case 'subscribeError':
      return {
        title: t(lang, 'page.subscribeError.title'),
        body: p(t(lang, `page.subscribeError.${params.problem}`), 'note') + subscribeForm(lang, params.email),
      };
    case 'languageChanged':
      return {
        title: t(lang, 'page.languageChanged.title'),
        body:
          p(t(lang, 'page.languageChanged.body', { brand, language: inLanguage(lang, params.language) })) +
          `<p><a href="${manageAction(params.token)}">${escapeHtml(t(lang, 'page.languageChanged.back'))}</a></p>`,
      };
    case 'erase':
      return {
        title: t(lang, 'page.erase.title'),
        body:
          p(t(lang, 'page.erase.body', { brand })) +
          p(t(lang, 'page.erase.note'), 'note') +
          `<form method="post" action="/erase?lang=${lang}"><input type="hidden" name="token" value="${escapeHtml(params.token)}">` +
          `<button type="submit">${escapeHtml(t(lang, 'page.erase.button'))}</button></form>`,
      };
    case 'erased':
      return { title: t(lang, 'page.erased.title'), body: p(t(lang, 'page.erased.body')) };
    case 'error': {
      const key = ERROR_STATUSES.has(params.status) ? `page.error.${params.status}` : 'page.error.generic';
      return {
        title: t(lang, 'page.error.title'),
        body: p(t(lang, key)) + p(t(lang, 'page.error.code', { status: params.status }), 'muted'),
      };
    }
  }
}

/** A complete, self-contained HTML page in `lang`; serve it with PAGE_HEADERS. */
export function renderPage(lang: Language, params: PageParams): string {
  const { title, body } = content(lang, params);
  return pageShell(lang, {
    title,
    beforeTitle: '<meta name="robots" content="noindex">',
    stylesheet: PAGE_STYLESHEET,
    main: `<h1>${escapeHtml(title)}</h1>\n${body}`,
    afterMain: `<footer><p>${escapeHtml(t(lang, 'brand.tagline'))}</p></footer>`,
  });
}
