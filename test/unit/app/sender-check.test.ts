import { beforeEach, describe, expect, it } from 'vitest';
import { StandInSenderVerification } from '../../../functions/adapters/in-process/sender-verification.ts';
import { dispatch } from '../../../functions/app/dispatch.ts';
import { requireVerifiedSender } from '../../../functions/app/sender-check.ts';
import { ConflictError } from '../../../functions/core/errors.ts';
import { importFixtures } from '../../support/memory/fixtures.ts';
import { type MemoryWorld, memoryWorld } from '../../support/memory/world.ts';
import { aSubscription } from '../../support/subscriptions.ts';

const E = '2026-W48';
const IDENTITY = 'newsletter.example';
let w: MemoryWorld;

beforeEach(async () => {
  w = memoryWorld();
  await importFixtures(w, ['en']);
  for (let i = 0; i < 4; i++) await w.subscribers.save(aSubscription({ language: 'en' }));
});

describe('an unverified sender identity (issue 20 item 1)', () => {
  it('starts no send: nothing is claimed or queued, and the result names the identity', async () => {
    const sender = new StandInSenderVerification(IDENTITY, false);
    const result = await dispatch({ ...w.dispatch(), sender }, { edition: E });
    expect(result).toMatchObject({ status: 'sender-not-verified', edition: E, identity: IDENTITY });
    expect(result.status === 'sender-not-verified' && result.reason).toContain(`${IDENTITY} is not verified`);
    expect(await w.sends.get(E)).toBeUndefined();
    expect(w.queue.batches).toHaveLength(0);
  });

  it('lets the same edition start once SES says the identity may send', async () => {
    await dispatch({ ...w.dispatch(), sender: new StandInSenderVerification(IDENTITY, false) }, { edition: E });
    const result = await dispatch(
      { ...w.dispatch(), sender: new StandInSenderVerification(IDENTITY, true) },
      {
        edition: E,
      },
    );
    expect(result).toMatchObject({ status: 'dispatched', planned: { en: 4 } });
    expect(w.queue.batches.flatMap((b) => b.ids)).toHaveLength(4);
  });

  it('is refused to the editors with a 409 code sender_not_verified naming the identity', async () => {
    const refusal = requireVerifiedSender(new StandInSenderVerification(IDENTITY, false));
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
    await expect(refusal).rejects.toMatchObject({ code: 'sender_not_verified' });
    await expect(refusal).rejects.toThrow(IDENTITY);
    await expect(requireVerifiedSender(new StandInSenderVerification(IDENTITY, true))).resolves.toBeUndefined();
  });
});
