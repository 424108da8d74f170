import { randomBytes } from 'node:crypto';
import type { Language } from '../../functions/core/language.ts';
import type { Status, Subscription } from '../../functions/core/subscription.ts';
import { sealed } from './address-cipher.ts';

/**
 * A new (unsaved, version 0) subscription with a random id, for store and use-case tests; its address is
 * `over.email` (default `reader.<id>@example.org`) sealed under the test key, unless `over.address` is given.
 */
export function aSubscription(
  over: Partial<Subscription> & { status?: Status; language?: Language; email?: string } = {},
  now = 1_764_000_000_000,
  networkHash = 'net-hash',
): Subscription {
  const { email, ...rest } = over;
  const id = over.id ?? randomBytes(16).toString('base64url');
  const status = over.status ?? 'confirmed';
  const language = over.language ?? 'en';
  return {
    id,
    address: sealed(email ?? `reader.${id.slice(0, 8).toLowerCase()}@example.org`, id),
    language,
    status,
    version: 0,
    createdAt: now,
    updatedAt: now,
    consent: {
      requestedAt: now,
      language,
      networkHash,
      source: 'https://example.org/',
      textVersion: 'test',
    },
    ...(status === 'confirmed' ? { confirmedAt: now } : {}),
    ...(status === 'pending' ? { expiresAt: now + 86_400_000 } : {}),
    ...rest,
  };
}
