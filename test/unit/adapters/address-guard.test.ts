import { describe, expect, it } from 'vitest';
import { addressGuard, classifyAddress } from '../../../functions/adapters/http/address-guard.ts';

describe('classifyAddress', () => {
  it.each([
    ['169.254.169.254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['fe80::1', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['64:ff9b::a9fe:a9fe', 'reserved'],
    ['not-an-address', 'reserved'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['2a00:1450:4001::200e', 'public'],
  ])('classifies %s as %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('addressGuard', () => {
  it('lets a public feed reach public addresses only', () => {
    const allows = addressGuard('public');
    expect(['8.8.8.8', '127.0.0.1', '10.0.0.1', '169.254.169.254', '::1'].map(allows)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('lets a private feed stay in private ranges but not reach loopback or metadata', () => {
    const allows = addressGuard('private');
    expect(['10.0.0.1', '192.168.5.5', '127.0.0.1', '169.254.169.254', '8.8.8.8'].map(allows)).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
  });

  it('lets a loopback feed stay on loopback but not reach private ranges or metadata', () => {
    const allows = addressGuard('loopback');
    expect(['127.0.0.1', '::1', '10.0.0.1', '169.254.169.254'].map(allows)).toEqual([true, true, false, false]);
  });

  it('never allows metadata or reserved addresses, wherever the feed is', () => {
    for (const configured of ['public', 'loopback', 'private', 'metadata', 'reserved'] as const) {
      expect(addressGuard(configured)('169.254.169.254')).toBe(false);
      expect(addressGuard(configured)('0.0.0.0')).toBe(false);
    }
  });
});
