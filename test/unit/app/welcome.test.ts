import { beforeEach, describe, expect, it } from 'vitest';
import { welcomeOnce } from '../../../functions/app/welcome.ts';
import type { SendFailureKind } from '../../../functions/core/errors.ts';
import { testCipher } from '../../support/address-cipher.ts';
import { MemoryWelcomeLedger } from '../../support/memory/welcome-ledger.ts';
import { type MemoryWorld, memoryWorld } from '../../support/memory/world.ts';
import { aSubscription } from '../../support/subscriptions.ts';

let w: MemoryWorld;
let welcomes: MemoryWelcomeLedger;
beforeEach(() => {
  w = memoryWorld();
  welcomes = new MemoryWelcomeLedger();
});

const deps = () => ({
  welcomes,
  mailer: w.mailer,
  archive: { latest: async () => undefined },
  ring: w.ring,
  idKey: w.idKey,
  publicUrl: w.publicUrl,
  cipher: testCipher,
  now: w.now,
  log: w.log,
  schedule: { expression: 'cron(0 9 ? * FRI *)', timeZone: 'Europe/Minsk' },
});
const reader = aSubscription({ confirmedAt: 1_764_000_100_000 });

describe('welcomeOnce', () => {
  it('sends no second welcome after SES lost its answer to the first (it may have taken it)', async () => {
    w.mailer.fail = () => 'uncertain';
    expect(await welcomeOnce(deps(), reader)).toBe('uncertain');
    w.mailer.fail = () => undefined;
    w.clock.now += 3_600_000;
    expect(await welcomeOnce(deps(), reader)).toBe('already');
    expect(w.mailer.sent).toEqual([]);
  });

  it.each(['throttled', 'transient'] as SendFailureKind[])(
    'gives the claim back after a %s refusal, so the next confirm sends it',
    async (kind) => {
      w.mailer.fail = () => kind;
      expect(await welcomeOnce(deps(), reader)).toBe('skipped');
      w.mailer.fail = () => undefined;
      expect(await welcomeOnce(deps(), reader)).toBe('sent');
      expect(w.mailer.sent).toHaveLength(1);
    },
  );
});
