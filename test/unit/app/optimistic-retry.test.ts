import { describe, expect, it } from 'vitest';
import { withOptimisticRetry } from '../../../functions/app/optimistic-retry.ts';
import { ConcurrentUpdateError } from '../../../functions/core/errors.ts';

describe('withOptimisticRetry', () => {
  it('re-runs the step after a ConcurrentUpdateError until it wins', async () => {
    let calls = 0;
    const result = await withOptimisticRetry(async () => {
      calls += 1;
      if (calls < 3) throw new ConcurrentUpdateError({ subscriberId: 's' });
      return 'won';
    });
    expect(result).toBe('won');
    expect(calls).toBe(3);
  });

  it('gives up after the given number of tries with the last conflict', async () => {
    let calls = 0;
    const attempt = async () => {
      calls += 1;
      throw new ConcurrentUpdateError();
    };
    await expect(withOptimisticRetry(attempt, 3)).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(calls).toBe(3);
  });

  it('does not retry another error that merely carries the name ConcurrentUpdateError', async () => {
    let calls = 0;
    const impostor = Object.assign(new Error('database down'), { name: 'ConcurrentUpdateError' });
    await expect(
      withOptimisticRetry(async () => {
        calls += 1;
        throw impostor;
      }),
    ).rejects.toBe(impostor);
    expect(calls).toBe(1);
  });
});
