import { isIP } from 'node:net';

/**
 * The address in a `CloudFront-Viewer-Address` header (`198.51.100.10:46532`, `2001:db8::1:46532`: the address,
 * a colon, the viewer's port), or undefined when it is not one.
 */
export function parseViewerAddress(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const colon = header.lastIndexOf(':');
  if (colon <= 0 || !/^\d{1,5}$/.test(header.slice(colon + 1))) return undefined;
  const address = header.slice(0, colon).replace(/^\[|\]$/g, '');
  return isIP(address) ? address : undefined;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (`::ffff:192.0.2.1`) counts as its two groups.
  const last = right.length ? right : left;
  const v4 = last[last.length - 1]?.includes('.') ? last.pop() : undefined;
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array(missing).fill('0'), ...right];
  return groups.map((g) => Number.parseInt(g, 16).toString(16));
}

/**
 * The unit a per-client limit counts: an IPv4 address as it is, an IPv6 address by its /64 (one customer's network:
 * a client gets a whole /64 and can pick any address in it). An IPv4-mapped IPv6 address counts as its IPv4 address.
 */
export function clientNetwork(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address.toLowerCase());
  if (groups.slice(0, 6).join(':') === '0:0:0:0:0:ffff') {
    const n = (i: number) => Number.parseInt(groups[i] ?? '0', 16);
    return [n(6) >> 8, n(6) & 255, n(7) >> 8, n(7) & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * The network kept as consent evidence (hashed): an IPv4 address by its /24, an IPv6 address by its /48 (a site's
 * network, not a device), an IPv4-mapped IPv6 address as IPv4. Coarser than clientNetwork on purpose: the rate
 * limiter counts the smallest unit a client can vary, the consent record keeps nothing that names one device.
 */
export function consentNetwork(address: string): string {
  const network = clientNetwork(address);
  if (isIP(network) === 4) return `${network.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIP(address) !== 6) return network;
  return `${network.split(':').slice(0, 3).join(':')}::/48`;
}
