import { escapeHtml } from '../functions/core/html.ts';
import type { RenderedEmail } from '../functions/core/rendered-email.ts';

// Per-recipient work, apart from the rendering: the deliverer loads this module, not the layouts or catalogues.

/** Stands where each recipient's manage/unsubscribe URL goes; unchanged by HTML escaping. */
export const MANAGE_URL_PLACEHOLDER = '%%MANAGE_URL%%';
/** Stands where each recipient's erase URL goes; unchanged by HTML escaping. */
export const ERASE_URL_PLACEHOLDER = '%%ERASE_URL%%';

const PLACEHOLDERS = /(%%MANAGE_URL%%|%%ERASE_URL%%)/;

/** A rendered text cut at its placeholders: odd indexes hold the placeholders themselves. */
interface SplitDigest {
  html: string[];
  text: string[];
}

const SPLITS = new WeakMap<RenderedEmail, SplitDigest>();

function fill(parts: readonly string[], manageUrl: string, eraseUrl: string): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    out += i % 2 === 0 ? part : part === MANAGE_URL_PLACEHOLDER ? manageUrl : eraseUrl;
  }
  return out;
}

/**
 * Puts one recipient's manage and erase URLs into a rendered digest; the placeholder split is cached per rendered
 * object. Without an erase URL (previews, the bench) the erase link gets the manage URL.
 */
export function personalizeDigest(rendered: RenderedEmail, manageUrl: string, eraseUrl = manageUrl): RenderedEmail {
  let split = SPLITS.get(rendered);
  if (!split) {
    split = { html: rendered.html.split(PLACEHOLDERS), text: rendered.text.split(PLACEHOLDERS) };
    SPLITS.set(rendered, split);
  }
  return {
    subject: rendered.subject,
    html: fill(split.html, escapeHtml(manageUrl), escapeHtml(eraseUrl)),
    text: fill(split.text, manageUrl, eraseUrl),
  };
}
