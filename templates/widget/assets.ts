import { createHash } from 'node:crypto';
import { LANGUAGES } from '../../functions/core/language.ts';
import { SIGNUP_FORM, type SignupField } from '../../functions/core/signup-form.ts';
import { catalogue, languageName, t } from '../i18n.ts';
import { WIDGET_SCRIPT } from './script.ts';
import { WIDGET_CSS } from './style.ts';

/** What the served widget is built with; both are optional defaults a snippet's own attributes override. */
export interface WidgetOptions {
  /** Base URL of the API the widget posts to (`PUBLIC_URL`); omitted: the script's own origin. */
  readonly api?: string | undefined;
  /** The privacy notice the consent line links to (`PRIVACY_URL`). */
  readonly privacy?: string | undefined;
}

/** One served file with its content hash. */
export interface WidgetAsset {
  readonly body: string;
  readonly contentType: string;
  /** First 12 hex digits of the body's SHA-256: the `?v=` of its long-cached URL. */
  readonly version: string;
}

const PREFIX = 'widget.';

/**
 * The script's messages per language: its `widget.*` keys without prefix, `{brand}` filled in, the labels of the
 * signup form's visible fields as `label.<field>` and its button as `button` (SIGNUP_FORM's message keys).
 */
export function widgetMessages(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const lang of LANGUAGES) {
    const messages: Record<string, string> = {};
    const brand = catalogue(lang).brand ?? '';
    for (const [key, value] of Object.entries(catalogue(lang))) {
      if (key.startsWith(PREFIX)) messages[key.slice(PREFIX.length)] = value.replaceAll('{brand}', brand);
    }
    for (const field of SIGNUP_FORM.fields as readonly SignupField[])
      if (!field.hidden) messages[`label.${field.name}`] = t(lang, field.label);
    messages.button = t(lang, SIGNUP_FORM.button);
    out[lang] = messages;
  }
  return out;
}

/** The signup form's fields as the script builds them (SIGNUP_FORM without the server's parts). */
function scriptFields() {
  return SIGNUP_FORM.fields.map((f: SignupField) => ({
    name: f.name,
    kind: f.kind,
    attributes: f.attributes,
    ...(f.hidden ? { hidden: true } : {}),
  }));
}

function asset(body: string, contentType: string): WidgetAsset {
  return { body, contentType, version: createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 12) };
}

/**
 * Builds the served `widget.js` (the script with its CSS and messages) and `widget.css`. The script no longer fetches
 * `widget.css`: every browser it runs in adopts the CSS it carries. The file stays served so its route, and anything
 * that still links it, keeps working.
 */
export function widgetAssets(options: WidgetOptions = {}): { js: WidgetAsset; css: WidgetAsset } {
  const api = options.api?.replace(/\/+$/, '') ?? '';
  const css = asset(`${WIDGET_CSS}\n`, 'text/css; charset=utf-8');
  const fill: Record<string, string> = {
    __CSS__: JSON.stringify(WIDGET_CSS),
    __FIELDS__: JSON.stringify(scriptFields()),
    __NAMES__: JSON.stringify(Object.fromEntries(LANGUAGES.map((code) => [code, languageName(code)]))),
    __MESSAGES__: JSON.stringify(widgetMessages()),
    __DEFAULTS__: JSON.stringify({ api, privacy: options.privacy ?? '' }),
  };
  // A function replacer, so `$` in the values is taken literally.
  const script = WIDGET_SCRIPT.replace(/__(CSS|FIELDS|NAMES|MESSAGES|DEFAULTS)__/g, (key) => fill[key] ?? key);
  return { js: asset(script, 'text/javascript; charset=utf-8'), css };
}
