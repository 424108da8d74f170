import { describe, expect, it } from 'vitest';
import {
  applyConfirm,
  applyTransientBounce,
  applyUnsubscribe,
  decideSubscribe,
} from '../../../functions/core/lifecycle.ts';
import type { Subscription } from '../../../functions/core/subscription.ts';
import { sealed } from '../../support/address-cipher.ts';

const policy = { cooldown: { minIntervalMs: 120_000, maxPerDay: 5 }, pendingExpiryMs: 7 * 86_400_000 };
const req = {
  id: 'sub-1',
  address: sealed('reader@example.org', 'sub-1'),
  language: 'be' as const,
  consent: { networkHash: 'h', source: 'https://site.example', textVersion: 'v1', requestId: 'r1' },
};
const T0 = Date.UTC(2026, 10, 27, 9);

function stored(over: Partial<Subscription>): Subscription {
  const { next } = decideSubscribe(undefined, req, T0, policy);
  return { ...(next as Subscription), version: 1, ...over };
}

describe('decideSubscribe', () => {
  it('starts a new address as pending, with a confirmation e-mail and a 7-day window', () => {
    const { next, mail } = decideSubscribe(undefined, req, T0, policy);
    expect(mail).toBe('confirm');
    expect(next).toMatchObject({ status: 'pending', version: 0, language: 'be', expiresAt: T0 + 7 * 86_400_000 });
    expect(next?.consent).toMatchObject({ requestedAt: T0, language: 'be', networkHash: 'h', textVersion: 'v1' });
  });

  it('mails again for a retried request without changing anything', () => {
    expect(decideSubscribe(stored({}), req, T0 + 60_000, policy)).toEqual({ mail: 'confirm' });
  });

  it('rewrites a pending record only for a new request, which gets its own confirmation e-mail and window', () => {
    const again = { ...req, language: 'ru' as const, consent: { ...req.consent, requestId: 'r2' } };
    const { next, mail } = decideSubscribe(stored({}), again, T0 + 180_000, policy);
    expect(mail).toBe('confirm');
    expect(next).toMatchObject({ language: 'ru', expiresAt: T0 + 180_000 + 7 * 86_400_000 });
    expect(next?.consent).toMatchObject({ requestId: 'r2', requestedAt: T0 + 180_000, language: 'ru' });
  });

  it('answers a confirmed reader with an already-subscribed note and no change of status or language', () => {
    const confirmed = stored({ status: 'confirmed', language: 'ru' });
    expect(decideSubscribe(confirmed, req, T0 + 600_000, policy)).toEqual({ mail: 'alreadySubscribed' });
  });

  it('treats an expired pending subscription as new', () => {
    const { next, mail } = decideSubscribe(stored({}), req, T0 + 8 * 86_400_000, policy);
    expect(mail).toBe('confirm');
    expect(next?.status).toBe('pending');
  });

  it('restarts the opt-in for an unsubscribed address and keeps when it unsubscribed', () => {
    const out = stored({ status: 'unsubscribed', unsubscribedAt: T0 + 1 });
    const { next, mail } = decideSubscribe(out, req, T0 + 600_000, policy);
    expect(mail).toBe('confirm');
    expect(next).toMatchObject({ status: 'pending', unsubscribedAt: T0 + 1 });
  });

  it('mails nobody who complained', () => {
    expect(decideSubscribe(stored({ status: 'complained' }), req, T0 + 600_000, policy)).toEqual({ mail: 'none' });
  });
});

describe('applyConfirm and applyUnsubscribe', () => {
  it("confirms a pending subscription and records the confirmation's own evidence in the consent", () => {
    const next = applyConfirm(stored({}), T0 + 5, { networkHash: 'c' });
    expect(next).toMatchObject({ status: 'confirmed', confirmedAt: T0 + 5 });
    expect(next?.consent).toEqual({
      requestedAt: T0,
      confirmedAt: T0 + 5,
      language: 'be',
      networkHash: 'h',
      source: 'https://site.example',
      textVersion: 'v1',
      requestId: 'r1',
      confirmation: { at: T0 + 5, networkHash: 'c' },
    });
    expect(next?.expiresAt).toBeUndefined();
  });

  it('keeps the signup form’s answers of the request through the confirmation, and a new request’s replace them', () => {
    const asked = { ...req, consent: { ...req.consent, answers: { organisation: 'Analytics Desk' } } };
    const pending = { ...(decideSubscribe(undefined, asked, T0, policy).next as Subscription), version: 1 };
    expect(applyConfirm(pending, T0 + 5, {})?.consent.answers).toEqual({ organisation: 'Analytics Desk' });
    const again = { ...req, consent: { ...req.consent, requestId: 'r2' } };
    expect(decideSubscribe(pending, again, T0 + 300_000, policy).next?.consent.answers).toBeUndefined();
  });

  it('does not confirm an expired or unsubscribed subscription', () => {
    expect(applyConfirm(stored({}), T0 + 8 * 86_400_000)).toBeUndefined();
    expect(applyConfirm(stored({ status: 'unsubscribed' }), T0)).toBeUndefined();
  });

  it('unsubscribes once and then changes nothing', () => {
    const out = applyUnsubscribe(stored({ status: 'confirmed' }), T0 + 9);
    expect(out).toMatchObject({ status: 'unsubscribed', unsubscribedAt: T0 + 9 });
    expect(applyUnsubscribe(out, T0 + 10)).toBe(out);
  });
});

describe('applyTransientBounce', () => {
  it('counts soft bounces and leaves the reader subscribed', () => {
    const once = applyTransientBounce(stored({ status: 'confirmed' }), T0 + 1);
    expect(once).toMatchObject({ status: 'confirmed', transientBounces: 1, updatedAt: T0 + 1 });
    expect(applyTransientBounce(once, T0 + 2)).toMatchObject({ status: 'confirmed', transientBounces: 2 });
  });
});
