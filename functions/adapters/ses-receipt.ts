/** The parts of an SES receipt record (Lambda action) that say how the message authenticated. */
export interface ReceiptAuthentication {
  /** The envelope sender (MAIL FROM); empty for a bounce or a report sent with a null sender. */
  readonly source: string;
  /** The message's headers as SES gives them, its own Authentication-Results first. */
  readonly headers?: readonly { name: string; value: string }[];
  readonly spfVerdict?: { status: string };
  readonly dkimVerdict?: { status: string };
}

const domainOf = (address: string) =>
  address
    .slice(address.lastIndexOf('@') + 1)
    .replace(/[>\s]/g, '')
    .toLowerCase();

/**
 * The domains SES receiving found SPF or DKIM to pass for: the envelope sender's domain when the SPF verdict is
 * PASS; when the DKIM verdict is PASS, the signing domains (`header.d` / `header.i`) that SES's own
 * Authentication-Results header (the first one, authserv-id amazonses.com, which SES puts above everything the
 * sender wrote) records as `dkim=pass`. Any other verdict (FAIL, GRAY, PROCESSING_FAILED, none) gives nothing.
 */
export function authenticatedDomains(receipt: ReceiptAuthentication): string[] {
  const domains = new Set<string>();
  if (receipt.spfVerdict?.status === 'PASS' && receipt.source.includes('@')) domains.add(domainOf(receipt.source));
  if (receipt.dkimVerdict?.status === 'PASS') {
    const results = receipt.headers?.find((h) => h.name.toLowerCase() === 'authentication-results');
    if (results && /^\s*amazonses\.com\s*;/i.test(results.value)) {
      for (const m of results.value.matchAll(/dkim=pass\b[^;]*?header\.[di]=@?([A-Za-z0-9.-]+)/gi))
        domains.add((m[1] ?? '').toLowerCase());
    }
  }
  domains.delete('');
  return [...domains];
}
