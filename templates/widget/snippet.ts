import { escapeHtml } from '../../functions/core/html.ts';
import type { Language } from '../../functions/core/language.ts';
import widgetTexts from '../compiled/messages/widget.json' with { type: 'json' };
import { translator } from '../messages.ts';
import { signupFormFields } from '../signup-form.ts';

const t = /* @__PURE__ */ translator(widgetTexts);

/** What the embed snippet points at. */
export interface SnippetOptions {
  /** The API's base URL, e.g. `https://api.example.org`. */
  readonly apiUrl: string;
  /** The widget script's content version (`widgetAssets().js.version`); omitted: an unversioned, short-cached URL. */
  readonly version?: string;
  /** The language of the no-JS form's labels; the widget itself follows the host page's `lang`. */
  readonly language: Language;
  /** The outlet's privacy notice. */
  readonly privacyUrl: string;
}

/**
 * The two lines an outlet pastes into its page: the deferred script, and the plain form that works without
 * JavaScript (a form post answered with a redirect to the check-your-inbox page) and that the script upgrades.
 */
export function widgetSnippet(options: SnippetOptions): string {
  const api = escapeHtml(options.apiUrl.replace(/\/+$/, ''));
  const lang = options.language;
  const m = (key: string) => escapeHtml(t(lang, `widget.${key}`));
  const src = `${api}/widget.js${options.version ? `?v=${escapeHtml(options.version)}` : ''}`;
  const fields = signupFormFields(lang, { layout: 'snippet', selected: lang });
  const form =
    `<form data-belarus-weekly method="post" action="${api}/subscribe">${fields}` +
    `<small>${m('consent')} <a href="${escapeHtml(options.privacyUrl)}">${m('privacy')}</a></small></form>`;
  return `<script src="${src}" defer></script>\n${form}`;
}
