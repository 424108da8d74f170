import { t } from '../functions/core/i18n.ts';
import type { Language } from '../functions/core/language.ts';

/** Values every layout shares: language, brand, signature. */
export function commonValues(lang: Language): Record<string, string> {
  const brand = t(lang, 'brand');
  return { lang, brand, signature: t(lang, 'common.signature', { brand }) };
}
