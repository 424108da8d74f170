import type { Outlet } from '../../templates/common.ts';
import brandTexts from '../../templates/compiled/messages/brand.json' with { type: 'json' };
import { translator } from '../../templates/messages.ts';
import { LANGUAGES, type Language } from '../core/language.ts';
import type { Config } from './config.ts';

const t = /* @__PURE__ */ translator(brandTexts);

/** The publisher's details for masthead and footers, from the configuration. */
export function outletFrom(config: Config): Outlet {
  return {
    siteUrl: config.SITE_URL ?? config.PUBLIC_URL,
    publicUrl: config.PUBLIC_URL,
    brandColour: config.BRAND_COLOUR,
    ...(config.PRIVACY_URL ? { privacyUrl: config.PRIVACY_URL } : {}),
    ...(config.CONTACT_EMAIL ? { contactEmail: config.CONTACT_EMAIL } : {}),
    ...(config.POSTAL_ADDRESS ? { postalAddress: config.POSTAL_ADDRESS } : {}),
  };
}

/** The From display name per reader language: configured, else the brand in that language. */
export function senderNamesFrom(config: Config): Record<Language, string> {
  const names = config.SENDER_NAMES as Partial<Record<Language, string>>;
  return Object.fromEntries(LANGUAGES.map((l) => [l, names[l] ?? t(l, 'brand')])) as Record<Language, string>;
}
