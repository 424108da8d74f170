import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendConfirmation } from '../../../functions/app/send-confirmation.ts';
import { ConfirmationsPausedError } from '../../../functions/core/errors.ts';
import type { ConfirmationRequest } from '../../../functions/core/queue-messages.ts';
import { requestAddress, testSealer } from '../../support/address-cipher.ts';
import { MemoryConfirmationCeiling } from '../../support/memory/confirmation-ceiling.ts';
import { type MemoryWorld, memoryWorld } from '../../support/memory/world.ts';

let w: MemoryWorld;
beforeEach(() => {
  w = memoryWorld(Date.UTC(2026, 11, 7, 13, 50));
});

const request = (email: string, requestId = randomUUID()): ConfirmationRequest => ({
  requestId,
  address: testSealer.seal(email, requestId),
  language: 'en',
  networkHash: 'net-hash',
  source: 'https://site.example/',
  textVersion: 'test-v1',
});

describe('the hourly ceiling on confirmation e-mails', () => {
  it('pauses the e-mails past the ceiling until the next hour, then mails each once', async () => {
    const deps = { ...w.sendConfirmation(), ceiling: new MemoryConfirmationCeiling(2) };
    const requests = ['a', 'b', 'c', 'd'].map((n) => request(`${n}@example.org`));
    const outcomes = await Promise.all(requests.map((r) => sendConfirmation(deps, r).catch((e: unknown) => e)));
    expect(outcomes.filter((o) => o === 'confirm')).toHaveLength(2);
    const paused = outcomes.filter((o) => o instanceof ConfirmationsPausedError);
    expect(paused).toHaveLength(2);
    expect((paused[0] as ConfirmationsPausedError).retryAt).toBe(Date.UTC(2026, 11, 7, 14));
    expect(w.mailer.sent).toHaveLength(2);

    // The queue brings the paused ones back in the next hour: each is mailed, once, and nobody twice.
    w.clock.now = Date.UTC(2026, 11, 7, 14, 0, 5);
    for (const [i, r] of requests.entries()) {
      if (outcomes[i] instanceof ConfirmationsPausedError) expect(await sendConfirmation(deps, r)).toBe('confirm');
    }
    expect(requests.map((r) => w.mailer.to(requestAddress(r)).length)).toEqual([1, 1, 1, 1]);
  });

  it('gives the hour its e-mail back when SES does not accept it', async () => {
    const ceiling = new MemoryConfirmationCeiling(1);
    const deps = { ...w.sendConfirmation(), ceiling };
    w.mailer.fail = () => 'transient';
    await expect(sendConfirmation(deps, request('x@example.org'))).rejects.toThrow();
    w.mailer.fail = () => undefined;
    expect(await sendConfirmation(deps, request('y@example.org'))).toBe('confirm');
  });
});
