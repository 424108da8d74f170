import { describe, expect, it } from 'vitest';
import { Status, SubscriptionEvent, takeMailSlot, transition } from '../../../functions/core/subscription.ts';

// The lifecycle written out by hand, pair by pair: undefined means "does not apply, nothing changes".
const EXPECTED: [Status, SubscriptionEvent, Status | undefined][] = [
  ['pending', 'subscribe', 'pending'],
  ['pending', 'confirm', 'confirmed'],
  ['pending', 'unsubscribe', 'unsubscribed'],
  ['pending', 'bounce', 'bounced'],
  ['pending', 'complain', 'complained'],
  ['pending', 'expire', 'unsubscribed'],
  ['confirmed', 'subscribe', 'confirmed'],
  ['confirmed', 'confirm', 'confirmed'],
  ['confirmed', 'unsubscribe', 'unsubscribed'],
  ['confirmed', 'bounce', 'bounced'],
  ['confirmed', 'complain', 'complained'],
  ['confirmed', 'expire', undefined],
  ['unsubscribed', 'subscribe', 'pending'],
  ['unsubscribed', 'confirm', undefined],
  ['unsubscribed', 'unsubscribe', 'unsubscribed'],
  ['unsubscribed', 'bounce', 'bounced'],
  ['unsubscribed', 'complain', 'complained'],
  ['unsubscribed', 'expire', undefined],
  ['bounced', 'subscribe', 'pending'],
  ['bounced', 'confirm', undefined],
  ['bounced', 'unsubscribe', 'unsubscribed'],
  ['bounced', 'bounce', 'bounced'],
  ['bounced', 'complain', 'complained'],
  ['bounced', 'expire', undefined],
  ['complained', 'subscribe', undefined],
  ['complained', 'confirm', undefined],
  ['complained', 'unsubscribe', 'complained'],
  ['complained', 'bounce', 'complained'],
  ['complained', 'complain', 'complained'],
  ['complained', 'expire', undefined],
];

describe('subscription lifecycle', () => {
  it('covers every (status, event) pair', () => {
    const pairs = new Set(EXPECTED.map(([s, e]) => `${s}/${e}`));
    for (const s of Object.values(Status))
      for (const e of Object.values(SubscriptionEvent)) expect(pairs).toContain(`${s}/${e}`);
  });

  it.each(EXPECTED)('moves %s on %s to %s', (status, event, next) => {
    expect(transition(status, event)).toBe(next);
  });
});

describe('takeMailSlot', () => {
  const policy = { minIntervalMs: 120_000, maxPerDay: 5 };

  it('allows the first e-mail and records it', () => {
    expect(takeMailSlot([], 1_000, policy)).toEqual({ allowed: true, log: [1_000] });
  });

  it('refuses a second e-mail within two minutes', () => {
    expect(takeMailSlot([1_000], 1_000 + 119_999, policy).allowed).toBe(false);
    expect(takeMailSlot([1_000], 1_000 + 120_000, policy).allowed).toBe(true);
  });

  it('refuses a sixth e-mail within 24 hours and allows it once the oldest is a day old', () => {
    const log = [0, 1, 2, 3, 4].map((i) => i * 3_600_000);
    const now = 5 * 3_600_000;
    expect(takeMailSlot(log, now, policy).allowed).toBe(false);
    expect(takeMailSlot(log, 86_400_001, policy)).toEqual({ allowed: true, log: [...log.slice(1), 86_400_001] });
  });
});
