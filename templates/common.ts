import type { Language } from '../functions/core/language.ts';
import { t } from './i18n.ts';

/** Values every layout shares: language, brand, signature. */
export function commonValues(lang: Language): Record<string, string> {
  const brand = t(lang, 'brand');
  return { lang, brand, signature: t(lang, 'common.signature', { brand }) };
}
