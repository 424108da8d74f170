import { describe, expect, it } from 'vitest';
import { localSecret } from '../../local/env.ts';
import { postJson, useLocalStack } from '../support/local.ts';

const ORIGIN_SECRET = 'cloudfront-origin-secret-of-at-least-32-chars';
// As on AWS: the source address is the one the runner sees (no X-Forwarded-For); CloudFront's origin secret is set.
const stack = useLocalStack(
  {
    SUBSCRIBE_RATE_LIMIT: '2',
    // A local secret (its data key too: subscribe seals the queued address) with CloudFront's origin secret.
    SECRETS_JSON: JSON.stringify({ ...JSON.parse(localSecret(undefined)), originSecret: ORIGIN_SECRET }),
  },
  { trustForwardedFor: false },
);

let n = 0;
async function statuses(headersOf: (i: number) => Record<string, string>, count = 3): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${stack.current.apiUrl}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headersOf(i) },
      body: JSON.stringify({ email: `identity${++n}@example.org`, language: 'en' }),
    });
    out.push(res.status);
  }
  return out;
}

const viaCloudFront = (viewer: string, secret = ORIGIN_SECRET) => ({
  'cloudfront-viewer-address': viewer,
  'x-origin-secret': secret,
});

describe('the client a request is counted against', () => {
  it('is the viewer CloudFront names when the request carries the origin secret', async () => {
    // Three viewers behind one edge server: each has its own budget.
    expect(await statuses((i) => viaCloudFront(`198.51.100.${10 + i}:4${i}000`))).toEqual([202, 202, 202]);
  });

  it('is the source address when the origin secret is missing or wrong, whatever CloudFront-Viewer-Address says', async () => {
    expect(
      await statuses((i) =>
        i === 0
          ? { 'cloudfront-viewer-address': '203.0.113.1:1000' }
          : viaCloudFront(`203.0.113.${i}:1000`, 'x'.repeat(45)),
      ),
    ).toEqual([202, 202, 429]);
  });

  it('is the /64 network of an IPv6 viewer, so picking another address of it does not help', async () => {
    expect(await statuses((i) => viaCloudFront(`2001:db8:7:7::${i + 1}:443`))).toEqual([202, 202, 429]);
    expect(await statuses((i) => viaCloudFront(`2001:db8:7:${100 + i}::1:443`))).toEqual([202, 202, 202]);
  });

  it('ignores X-Forwarded-For', async () => {
    const res = await postJson(
      stack.current,
      '/subscribe',
      { email: 'xff@example.org', language: 'en' },
      '192.0.2.200',
    );
    expect(res.status).toBe(429);
  });
});
