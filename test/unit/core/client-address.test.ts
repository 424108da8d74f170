import { describe, expect, it } from 'vitest';
import { clientNetwork, consentNetwork, parseViewerAddress } from '../../../functions/core/client-address.ts';

describe('parseViewerAddress', () => {
  it.each([
    ['198.51.100.10:46532', '198.51.100.10'],
    ['2001:db8::1:46532', '2001:db8::1'],
    ['2001:db8:1:2:3:4:5:6:443', '2001:db8:1:2:3:4:5:6'],
    ['[2001:db8::1]:443', '2001:db8::1'],
  ])('takes the address out of %s', (header, address) => {
    expect(parseViewerAddress(header)).toBe(address);
  });

  it.each([undefined, '', '198.51.100.10', 'not-an-ip:80', '198.51.100.10:port', ':80'])('rejects %s', (header) => {
    expect(parseViewerAddress(header)).toBeUndefined();
  });
});

describe('clientNetwork', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(clientNetwork('192.0.2.7')).toBe('192.0.2.7');
  });

  it('counts every address of one IPv6 /64 as one client', () => {
    expect(clientNetwork('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0DB8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientNetwork('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(clientNetwork('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientNetwork('::ffff:c000:207')).toBe('192.0.2.7');
  });
});

describe('consentNetwork', () => {
  it('keeps an IPv4 address by its /24 only', () => {
    expect(consentNetwork('192.0.2.7')).toBe('192.0.2.0/24');
    expect(consentNetwork('192.0.2.250')).toBe('192.0.2.0/24');
    expect(consentNetwork('192.0.3.7')).toBe('192.0.3.0/24');
    expect(consentNetwork('::ffff:192.0.2.7')).toBe('192.0.2.0/24');
  });

  it('keeps an IPv6 address by its /48 only', () => {
    expect(consentNetwork('2001:db8:1:2::1')).toBe('2001:db8:1::/48');
    expect(consentNetwork('2001:0DB8:0001:ffff:1:2:3:4')).toBe('2001:db8:1::/48');
    expect(consentNetwork('2001:db8:2::1')).toBe('2001:db8:2::/48');
    expect(consentNetwork('::1')).toBe('0:0:0::/48');
  });

  it('leaves the rate limiter its finer unit', () => {
    expect(clientNetwork('192.0.2.7')).not.toBe(clientNetwork('192.0.2.8'));
    expect(consentNetwork('192.0.2.7')).toBe(consentNetwork('192.0.2.8'));
  });
});
