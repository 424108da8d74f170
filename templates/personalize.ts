import { escapeHtml } from '../functions/core/html.ts';
import type { RenderedEmail } from '../functions/core/rendered-email.ts';

// Per-recipient work, apart from the rendering: the deliverer loads this module, not the layouts or catalogues.

/** Stands where each recipient's manage/unsubscribe URL goes; unchanged by HTML escaping. */
export const MANAGE_URL_PLACEHOLDER = '%%MANAGE_URL%%';

interface SplitDigest {
  html: string[];
  text: string[];
}

const SPLITS = new WeakMap<RenderedEmail, SplitDigest>();

/** Puts one recipient's manage URL into a rendered digest; the placeholder split is cached per rendered object. */
export function personalizeDigest(rendered: RenderedEmail, manageUrl: string): RenderedEmail {
  let split = SPLITS.get(rendered);
  if (!split) {
    split = { html: rendered.html.split(MANAGE_URL_PLACEHOLDER), text: rendered.text.split(MANAGE_URL_PLACEHOLDER) };
    SPLITS.set(rendered, split);
  }
  return { subject: rendered.subject, html: split.html.join(escapeHtml(manageUrl)), text: split.text.join(manageUrl) };
}
