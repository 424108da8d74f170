import { domainToASCII } from 'node:url';
import { InvalidInputError } from './errors.ts';

/** A normalised e-mail address and the one identity key that all its spellings share. */
export interface EmailAddress {
  /** The address to send to: local part as typed, domain in lower-case ASCII (IDN converted). */
  readonly address: string;
  /** Lower-cased `local@domain`: one key per mailbox as users understand it. */
  readonly key: string;
}

const MAX_LENGTH = 254;
const MAX_LOCAL = 64;
// Printable ASCII allowed unquoted in a local part (RFC 5322 atext plus dots). No UTF-8 local parts (RFC 6531):
// SES cannot send to them.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Invisible format characters (zero-width space and joiners, bidi embeddings and overrides, BOM, soft hyphen):
// an address that looks like another one.
const FORMAT = /\p{Cf}/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// Any control character, including CR/LF (header injection), DEL and Unicode line separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;

/** Trims, validates and normalises an address; throws InvalidInputError with code `invalid_email`. */
export function normalizeEmail(raw: string): EmailAddress {
  const fail = (why: string): never => {
    throw new InvalidInputError('invalid_email', `email ${why}`);
  };
  if (typeof raw !== 'string') fail('must be a string');
  const trimmed = raw.replace(/^[ \t]+|[ \t]+$/g, '');
  if (CONTROL.test(trimmed)) fail('contains control characters');
  if (FORMAT.test(trimmed)) fail('contains invisible formatting characters (zero-width, bidi or BOM)');
  if (trimmed.length === 0) fail('is empty');
  if (trimmed.length > MAX_LENGTH) fail(`is longer than ${MAX_LENGTH} characters`);
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) fail('is not an address');
  const local = trimmed.slice(0, at);
  const domainRaw = trimmed.slice(at + 1);
  if (/[^ -~]/.test(local)) fail('has non-ASCII characters before the @, which cannot be delivered');
  if (local.length > MAX_LOCAL || !LOCAL_PART.test(local)) fail('has an invalid local part');
  if (/[\s@]/u.test(domainRaw) || domainRaw.startsWith('[')) fail('has an invalid domain');
  const domain = domainToASCII(domainRaw.normalize('NFC')).toLowerCase();
  if (domain === '' || domain.length > 253) fail('has an invalid domain');
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) fail('has an invalid domain');
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) fail('has an invalid domain');
  const address = `${local.normalize('NFC')}@${domain}`;
  if (address.length > MAX_LENGTH) fail(`is longer than ${MAX_LENGTH} characters`);
  return { address, key: address.toLowerCase() };
}
