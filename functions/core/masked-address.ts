import { normalizeEmail } from './email.ts';

/**
 * The address as a lookup shows it: the local part's first character, `***`, then the domain
 * (`anna.k@mail.ru` → `a***@mail.ru`), lower-cased. Enough for the person answering a data request to see they
 * typed the right address; not the address.
 */
export function maskedAddress(raw: string): string {
  const { key } = normalizeEmail(raw);
  const at = key.lastIndexOf('@');
  return `${key.slice(0, 1)}***${key.slice(at)}`;
}
