import type { Language } from '../../../functions/core/language.ts';
import { MANAGE_URL_PLACEHOLDER } from '../../../templates/personalize.ts';
import { type MemoryWorld, memoryWorld } from '../../support/memory/world.ts';
import { aSubscription } from '../../support/subscriptions.ts';

/** The edition the deliverBatch tests send. */
export const E = '2026-W48';

/** A rendered digest with the manage-link placeholder the deliverer fills in per reader. */
export function digest(language: Language) {
  return {
    subject: `Weekly ${language}`,
    html: `<p>${language}</p><a href="${MANAGE_URL_PLACEHOLDER}">unsubscribe</a>`,
    text: `${language}\nUnsubscribe: ${MANAGE_URL_PLACEHOLDER}`,
  };
}

/** An in-memory world with the English digest of E rendered. */
export async function deliveryWorld(): Promise<MemoryWorld> {
  const w = memoryWorld();
  await w.renders.put(E, 'en', digest('en'));
  return w;
}

/** `n` saved English readers (or as `over` says). */
export async function addReaders(w: MemoryWorld, n: number, over: Parameters<typeof aSubscription>[0] = {}) {
  return Promise.all(Array.from({ length: n }, () => w.subscribers.save(aSubscription({ language: 'en', ...over }))));
}
