import { describe, expect, it } from 'vitest';
import { batchesOf } from '../../../functions/app/dispatch.ts';
import { subscribe } from '../../../functions/app/subscribe.ts';
import {
  confirmationRequestSchema,
  deliveryBatchSchema,
  recheckSchema,
  sendMessageSchema,
} from '../../../functions/core/queue-messages.ts';
import { requestAddress, testSealer } from '../../support/address-cipher.ts';
import { memoryWorld } from '../../support/memory/world.ts';

/** What a consumer gets back from SQS: the producer's message as JSON text, read with the consumer's schema. */
const overTheWire = <T>(schema: { parse(value: unknown): T }, message: unknown) =>
  schema.parse(JSON.parse(JSON.stringify(message)));

describe('the confirmation request', () => {
  it('is what subscribe queues, cut to the limits its consumer accepts', async () => {
    const w = memoryWorld();
    await subscribe(w.subscribe(), {
      email: 'Long.Agent@Example.org',
      language: 'ru',
      clientAddress: '203.0.113.7',
      source: `https://example.org/${'p'.repeat(5_000)}`,
    });
    const [request] = w.confirmations;
    expect(overTheWire(confirmationRequestSchema, request)).toEqual(request);
    expect(request).toMatchObject({ language: 'ru', textVersion: 'test-v1' });
    // Consent evidence only: no client address, no user agent, the network as a keyed hash.
    expect(Object.keys(request ?? {}).sort()).toEqual(
      ['address', 'language', 'networkHash', 'requestId', 'requestedAt', 'source', 'textVersion'].sort(),
    );
    expect(JSON.stringify(request)).not.toContain('203.0.113');
    // The address travels sealed to the request, never in clear (the queue and its dead-letter copy keep it 14 days).
    expect(JSON.stringify(request).toLowerCase()).not.toContain('long.agent');
    expect(requestAddress(request as { requestId: string; address: string }).toLowerCase()).toBe(
      'long.agent@example.org',
    );
  });

  it('is refused with an unknown language or a field over its limit', () => {
    const good = {
      requestId: '6f1c1a52-8a3e-4c38-9d5e-1d2a3b4c5d6e',
      address: testSealer.seal('a@example.org', '6f1c1a52-8a3e-4c38-9d5e-1d2a3b4c5d6e'),
      language: 'en',
      networkHash: 'h',
      source: '',
      textVersion: 'v1',
    };
    expect(confirmationRequestSchema.safeParse(good).success).toBe(true);
    expect(confirmationRequestSchema.safeParse({ ...good, language: 'xx' }).success).toBe(false);
    expect(confirmationRequestSchema.safeParse({ ...good, address: 'a@example.org' }).success).toBe(false);
    expect(confirmationRequestSchema.safeParse({ ...good, source: 's'.repeat(513) }).success).toBe(false);
  });

  it('drops the user agent and the address hash of a request queued before they were dropped', () => {
    const { networkHash: _n, ...rest } = {
      requestId: '6f1c1a52-8a3e-4c38-9d5e-1d2a3b4c5d6e',
      address: testSealer.seal('a@example.org', '6f1c1a52-8a3e-4c38-9d5e-1d2a3b4c5d6e'),
      language: 'en',
      networkHash: 'h',
      source: '',
      textVersion: 'v1',
    };
    const parsed = confirmationRequestSchema.parse({ ...rest, ipHash: 'old', userAgent: 'Old Browser/1' });
    expect(parsed).toEqual(rest);
  });
});

describe('the delivery batch and the re-check', () => {
  it('are what dispatch and the deliverer queue', () => {
    const batches = batchesOf('2026-W48', 'be', ['a', 'b', 'c'], 2);
    for (const batch of batches) expect(overTheWire(deliveryBatchSchema, batch)).toEqual(batch);
    const recheck = { edition: '2026-W48', language: 'be', ids: ['a'], recheck: true };
    expect(overTheWire(deliveryBatchSchema, recheck)).toEqual(recheck);
    expect(overTheWire(recheckSchema, recheck)).toEqual(recheck);
  });

  it('are refused empty, oversized, for an unknown language, or with a re-check that is not one', () => {
    const batch = { edition: '2026-W48', language: 'en', ids: ['a'] };
    expect(deliveryBatchSchema.safeParse({ ...batch, ids: [] }).success).toBe(false);
    expect(deliveryBatchSchema.safeParse({ ...batch, ids: Array(501).fill('a') }).success).toBe(false);
    expect(deliveryBatchSchema.safeParse({ ...batch, language: 'xx' }).success).toBe(false);
    expect(deliveryBatchSchema.safeParse({ ...batch, recheck: false }).success).toBe(false);
    expect(recheckSchema.safeParse(batch).success).toBe(false);
  });
});

describe('the send queue', () => {
  it('carries batches, re-checks and completion checks, each read back as itself', () => {
    const messages = [
      { edition: '2026-W48', language: 'ru', ids: ['a'], deferrals: 2, deferredSince: 1_700_000_000_000 },
      { edition: '2026-W48', language: 'ru', ids: ['a'], recheck: true },
      { edition: '2026-W48', check: 'completion', reads: 3 },
    ];
    for (const message of messages) expect(overTheWire(sendMessageSchema, message)).toEqual(message);
    expect(sendMessageSchema.safeParse({ edition: '2026-W48', check: 'other' }).success).toBe(false);
  });
});
