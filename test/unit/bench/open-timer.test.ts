import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { timeOpens } from '../../../bench/open-timer.ts';
import { AesGcmAddressCipher } from '../../../functions/adapters/crypto/address-cipher.ts';

describe("the send figure's timing of address opens", () => {
  it('counts every open of any cipher in the process, still opens, and lets go on restore', () => {
    const cipher = new AesGcmAddressCipher([{ id: 'd1', key: randomBytes(32) }]);
    const sealed = cipher.seal('reader@example.org', 'sub-a');
    const original = AesGcmAddressCipher.prototype.open;
    const timer = timeOpens();
    try {
      expect(cipher.open(sealed, 'sub-a')).toBe('reader@example.org');
      expect(new AesGcmAddressCipher([{ id: 'd1', key: randomBytes(32) }]).open('x@example.org' as never, 'b')).toBe(
        'x@example.org',
      );
      // A failed open (another record) is time spent too.
      expect(() => cipher.open(sealed, 'sub-b')).toThrow();
      const taken = timer.take();
      expect(taken.opens).toBe(3);
      expect(taken.ms).toBeGreaterThanOrEqual(0);
      expect(timer.take()).toEqual({ ms: 0, opens: 0 });
    } finally {
      timer.restore();
    }
    expect(AesGcmAddressCipher.prototype.open).toBe(original);
    cipher.open(sealed, 'sub-a');
    expect(timer.take().opens).toBe(0);
  });
});
