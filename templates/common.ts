import { escapeHtml } from '../functions/core/html.ts';
import type { Language } from '../functions/core/language.ts';
import brandTexts from './compiled/messages/brand.json' with { type: 'json' };
import commonTexts from './compiled/messages/common.json' with { type: 'json' };
import homePrivacyTexts from './compiled/messages/home.privacy.json' with { type: 'json' };
import { translator } from './messages.ts';

const t = /* @__PURE__ */ translator(brandTexts, commonTexts, homePrivacyTexts);

/** The publisher behind the newsletter, as the e-mails' masthead and footer show it (all configurable). */
export interface Outlet {
  /** The site's home page: the signup and the articles. */
  readonly siteUrl: string;
  /** Base of the archive and the personal links, without a trailing slash. */
  readonly publicUrl: string;
  readonly privacyUrl?: string;
  /** The wordmark's and rules' colour, `#rrggbb`. */
  readonly brandColour: string;
  /** A contact address shown in every footer. */
  readonly contactEmail?: string;
  readonly postalAddress?: string;
}

/** The masthead's colour when none is configured: a deep, calm red that keeps AA contrast on white. */
export const DEFAULT_BRAND_COLOUR = '#8c2f1b';

// Padding after the preheader, so that body text does not leak into the inbox snippet: zero-width non-joiners and
// non-breaking spaces, no colours or tiny fonts (SpamAssassin's HTML_FONT_LOW_CONTRAST reads those as hidden text).
const PREHEADER_PAD = '&#8204;&nbsp;'.repeat(90);

/**
 * The hidden inbox-snippet text, padded; goes first in the body. Outlook for Windows, which ignores `display:none`,
 * skips it through a conditional comment (instead of the non-standard `mso-hide`).
 */
export function preheaderHtml(text: string): string {
  return `<!--[if !mso]><!--><div class="nl-preheader" style="display:none;max-height:0;overflow:hidden;">${escapeHtml(text)}${PREHEADER_PAD}</div><!--<![endif]-->`;
}

/** Values every layout shares: language, brand, tagline, signature, brand colour and the preheader. */
export function commonValues(lang: Language, preheader: string, brandColour = DEFAULT_BRAND_COLOUR) {
  const brand = t(lang, 'brand');
  return {
    lang,
    brand,
    tagline: t(lang, 'brand.tagline'),
    brandColour,
    signature: t(lang, 'common.signature', { brand }),
    preheader: preheaderHtml(preheader),
  };
}

/** The footer's line naming the outlet: contact, postal address and the privacy notice, in HTML and text. */
export function outletLine(lang: Language, outlet: Outlet | undefined): { html: string; text: string } {
  if (!outlet) return { html: '', text: '' };
  const html: string[] = [];
  const text: string[] = [];
  if (outlet.contactEmail) {
    html.push(`<a href="mailto:${escapeHtml(outlet.contactEmail)}">${escapeHtml(outlet.contactEmail)}</a>`);
    text.push(outlet.contactEmail);
  }
  if (outlet.postalAddress) {
    html.push(escapeHtml(outlet.postalAddress));
    text.push(outlet.postalAddress);
  }
  if (outlet.privacyUrl) {
    html.push(`<a href="${escapeHtml(outlet.privacyUrl)}">${escapeHtml(t(lang, 'home.privacy.title'))}</a>`);
    text.push(`${t(lang, 'home.privacy.title')}: ${outlet.privacyUrl}`);
  }
  return { html: html.join(' · '), text: text.join('\n') };
}
