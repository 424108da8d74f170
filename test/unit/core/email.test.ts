import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../../functions/core/email.ts';
import { InvalidInputError } from '../../../functions/core/errors.ts';

describe('normalizeEmail', () => {
  it('trims spaces and lower-cases the domain but keeps the local part for sending', () => {
    expect(normalizeEmail('  Ales.Bialiatski@Example.ORG ')).toEqual({
      address: 'Ales.Bialiatski@example.org',
      key: 'ales.bialiatski@example.org',
    });
  });

  it('gives every spelling of one mailbox the same identity key', () => {
    expect(normalizeEmail('READER@EXAMPLE.ORG').key).toBe(normalizeEmail('reader@example.org').key);
  });

  it('converts an internationalised domain to ASCII (punycode)', () => {
    expect(normalizeEmail('chytach@пример.бел').address).toBe('chytach@xn--e1afmkfd.xn--90ais');
  });

  it.each([
    ['reader\u200b@example.org', 'zero-width space'],
    ['reader@exa\u200dmple.org', 'zero-width joiner in the domain'],
    ['\u202ereader@example.org', 'right-to-left override'],
    ['reader@example.org\u2066', 'bidi isolate'],
    ['\ufeffreader@example.org', 'byte order mark'],
    ['rea\u00adder@example.org', 'soft hyphen'],
  ])('rejects %j (%s) naming the invisible characters', (raw) => {
    expect(() => normalizeEmail(raw)).toThrow(
      new InvalidInputError(
        'invalid_email',
        'email contains invisible formatting characters (zero-width, bidi or BOM)',
      ),
    );
  });

  it.each([
    ['чытач@example.org', 'Cyrillic'],
    ['müller@example.org', 'Latin with umlaut'],
    ['读者@例子.中国', 'Chinese'],
  ])('rejects the non-ASCII local part %j (%s), which SES cannot send to', (raw) => {
    expect(() => normalizeEmail(raw)).toThrow(
      new InvalidInputError('invalid_email', 'email has non-ASCII characters before the @, which cannot be delivered'),
    );
  });

  it.each([
    ['', 'empty'],
    ['plainaddress', 'no @'],
    ['@example.org', 'no local part'],
    ['reader@', 'no domain'],
    ['reader@localhost', 'single-label domain'],
    ['reader@exa mple.org', 'space in domain'],
    ['rea der@example.org', 'space in local part'],
    ['reader@example.org\r\nBcc: victim@example.org', 'CR/LF header injection'],
    ['reader\n@example.org', 'LF'],
    ['reader@example.org\u0000', 'NUL'],
    ['a..b@example.org', 'double dot'],
    ['.ab@example.org', 'leading dot'],
    ['reader@-example.org', 'label starting with a hyphen'],
    ['reader@example.123', 'numeric top-level domain'],
    ['reader@[127.0.0.1]', 'address literal'],
    [`${'a'.repeat(65)}@example.org`, 'local part over 64'],
    [
      `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.org`,
      'over 254 characters',
    ],
  ])('rejects %j (%s)', (input) => {
    expect(() => normalizeEmail(input)).toThrow(InvalidInputError);
  });

  it('accepts every generated valid address and is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (raw) => {
        const once = normalizeEmail(raw);
        const twice = normalizeEmail(once.address);
        expect(twice).toEqual(once);
        expect(once.key).toBe(once.address.toLowerCase());
      }),
    );
  });

  it('never lets a control character through, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.integer({ min: 0, max: 31 }), fc.nat(), (raw, code, at) => {
        const pos = at % (raw.length + 1);
        const bad = raw.slice(0, pos) + String.fromCharCode(code) + raw.slice(pos);
        const trimmedAway = (code === 9 || code === 32) && (pos === 0 || pos === raw.length);
        if (!trimmedAway) expect(() => normalizeEmail(bad)).toThrow(InvalidInputError);
      }),
    );
  });
});
