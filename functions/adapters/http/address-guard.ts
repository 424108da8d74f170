import { BlockList, isIP } from 'node:net';

/** What kind of network an IP address is on, as far as a feed fetch cares. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'metadata' | 'reserved';

type Range = readonly [network: string, prefix: number];

// Checked in this order: an address takes the first class whose ranges hold it. IPv4-mapped IPv6 addresses
// (::ffff:a.b.c.d) match the IPv4 ranges (BlockList does that by itself).
const RANGES: readonly (readonly [AddressClass, readonly Range[]])[] = [
  // Link-local, where cloud metadata services answer (169.254.169.254, and EC2's fd00:ec2::254 on IPv6).
  [
    'metadata',
    [
      ['169.254.0.0', 16],
      ['fe80::', 10],
      ['fd00:ec2::254', 128],
    ],
  ],
  [
    'loopback',
    [
      ['127.0.0.0', 8],
      ['::1', 128],
    ],
  ],
  [
    'private',
    [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['100.64.0.0', 10],
      ['fc00::', 7],
    ],
  ],
  // Addresses that are nobody's web server: "this network", multicast, broadcast and the like, unspecified, and the
  // IPv6 prefixes that embed an IPv4 address a gateway would reach on our side (NAT64, 6to4).
  [
    'reserved',
    [
      ['0.0.0.0', 8],
      ['192.0.0.0', 24],
      ['198.18.0.0', 15],
      ['224.0.0.0', 4],
      ['240.0.0.0', 4],
      ['::', 128],
      ['ff00::', 8],
      ['64:ff9b::', 96],
      ['64:ff9b:1::', 48],
      ['2002::', 16],
    ],
  ],
];

const LISTS = RANGES.map(([kind, ranges]) => {
  const list = new BlockList();
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return [kind, list] as const;
});

/** The class of an IP address (v4 or v6, without brackets). Anything that is not an IP address is `reserved`. */
export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) return 'reserved';
  const type = family === 6 ? 'ipv6' : 'ipv4';
  for (const [kind, list] of LISTS) if (list.check(address, type)) return kind;
  return 'public';
}

/**
 * Which addresses a fetch may connect to, decided by where the configured URL itself is: public addresses always;
 * loopback or private ones only when the configured URL is on that same kind of network (an intranet feed may
 * redirect within the intranet, not to the host's loopback); metadata and reserved ranges never.
 */
export function addressGuard(configured: AddressClass): (address: string) => boolean {
  return (address) => {
    const kind = classifyAddress(address);
    return kind === 'public' || ((kind === 'loopback' || kind === 'private') && kind === configured);
  };
}
