import { describe, expect, it } from 'vitest';
import { applySoftBounce, noteDelivered } from '../../functions/core/soft-bounce.ts';
import type { Subscription } from '../../functions/core/subscription.ts';

const T = 1_764_000_000_000;
const reader = {
  id: 'r1',
  address: 'sealed',
  language: 'en',
  status: 'confirmed',
  version: 3,
  createdAt: T,
  updatedAt: T,
  consent: {},
} as unknown as Subscription;

/** Applies the steps in order: a soft bounce of an edition, or its digest handed to SES. */
function run(steps: readonly (readonly ['bounce' | 'sent', string])[], limit = 3): Subscription {
  let sub = reader;
  for (const [what, edition] of steps)
    sub = what === 'bounce' ? applySoftBounce(sub, edition, limit, T).next : (noteDelivered(sub, edition, T) ?? sub);
  return sub;
}

describe('the soft-bounce run (core/soft-bounce.ts)', () => {
  it('suppresses at the K-th consecutive edition, marking the run', () => {
    const two = run([
      ['bounce', 'W1'],
      ['sent', 'W2'],
      ['bounce', 'W2'],
    ]);
    expect(two).toMatchObject({ status: 'confirmed', softBounces: { count: 2, lastEdition: 'W2' } });
    const out = applySoftBounce(two, 'W3', 3, T);
    expect(out.suppressed).toBe(true);
    expect(out.next).toMatchObject({ status: 'bounced', softBounces: { count: 3, suppressed: true } });
  });

  it('counts the same edition once and returns the same record', () => {
    const one = run([['bounce', 'W1']]);
    expect(applySoftBounce(one, 'W1', 3, T).next).toBe(one);
  });

  it('restarts after an edition that went out without a soft bounce, also when later ones went out meanwhile', () => {
    const sub = run([
      ['bounce', 'W1'],
      ['sent', 'W2'],
      ['sent', 'W3'],
      ['bounce', 'W3'],
    ]);
    expect(sub.softBounces).toEqual({ count: 1, lastEdition: 'W3' });
  });

  it('honours K from the configuration and never suppresses a reader no longer confirmed', () => {
    expect(applySoftBounce(reader, 'W1', 1, T).next.status).toBe('bounced');
    const out = applySoftBounce({ ...reader, status: 'unsubscribed' }, 'W1', 1, T);
    expect(out).toMatchObject({ suppressed: false, next: { status: 'unsubscribed' } });
  });

  it('notes nothing for a reader without a run, or a second time', () => {
    expect(noteDelivered(reader, 'W2', T)).toBeUndefined();
    const noted = run([
      ['bounce', 'W1'],
      ['sent', 'W2'],
    ]);
    expect(noted.softBounces?.deliveredSince).toBe('W2');
    expect(noteDelivered(noted, 'W3', T)).toBeUndefined();
  });
});
