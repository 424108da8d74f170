import { describe, expect, it } from 'vitest';
import { postJson, useLocalStack } from '../support/local.ts';

// As `npm start` runs it: X-Forwarded-For is not trusted (API Gateway sets the real client address on AWS).
const stack = useLocalStack({ SUBSCRIBE_RATE_LIMIT: '2' }, { trustForwardedFor: false });

describe('the local runner as npm start runs it', () => {
  it('ignores X-Forwarded-For, so a client cannot dodge the rate limit by inventing addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postJson(
        stack.current,
        '/subscribe',
        { email: `spoof${i}@example.org`, language: 'en' },
        `203.0.113.${i}`,
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([202, 202, 429]);
  });
});
