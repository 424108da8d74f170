import { createHash } from 'node:crypto';
import be from '../i18n/be.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import ru from '../i18n/ru.json' with { type: 'json' };
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

const CATALOGUES: Record<string, Record<string, string>> = { en, be, ru };
const PREFIX = 'widget.';

/** The widget's messages per language (the `widget.*` keys without prefix), `{brand}` filled in. */
export function widgetMessages(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
    const brand = catalogue.brand ?? '';
    const messages: Record<string, string> = {};
    for (const [key, value] of Object.entries(catalogue)) {
      if (key.startsWith(PREFIX)) messages[key.slice(PREFIX.length)] = value.replaceAll('{brand}', brand);
    }
    out[lang] = messages;
  }
  return out;
}

function asset(body: string, contentType: string): WidgetAsset {
  return { body, contentType, version: createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 12) };
}

/** Builds the served `widget.css` and `widget.js` (the script carries the CSS, its URL and the messages). */
export function widgetAssets(options: WidgetOptions = {}): { js: WidgetAsset; css: WidgetAsset } {
  const api = options.api?.replace(/\/+$/, '') ?? '';
  const css = asset(`${WIDGET_CSS}\n`, 'text/css; charset=utf-8');
  const fill: Record<string, string> = {
    __CSS__: JSON.stringify(WIDGET_CSS),
    __CSS_VERSION__: JSON.stringify(css.version),
    __MESSAGES__: JSON.stringify(widgetMessages()),
    __DEFAULTS__: JSON.stringify({ api, privacy: options.privacy ?? '' }),
  };
  // A function replacer, so `$` in the values is taken literally.
  const script = WIDGET_SCRIPT.replace(/__(CSS_VERSION|CSS|MESSAGES|DEFAULTS)__/g, (key) => fill[key] ?? key);
  return { js: asset(script, 'text/javascript; charset=utf-8'), css };
}
