import { describe, expect, it } from 'vitest';
import { maskedAddress } from '../../functions/core/masked-address.ts';

describe('the masked address a lookup answers', () => {
  it('keeps the first character and the domain, lower-cased, and nothing else of the local part', () => {
    expect(maskedAddress('anna.k@mail.ru')).toBe('a***@mail.ru');
    expect(maskedAddress('  Anna.K@Mail.RU ')).toBe('a***@mail.ru');
    expect(maskedAddress('x@example.org')).toBe('x***@example.org');
  });

  it('refuses what is not an address, without echoing it', () => {
    expect(() => maskedAddress('not-an-address')).toThrow(/^email is not an address$/);
  });
});
