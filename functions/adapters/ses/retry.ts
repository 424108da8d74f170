import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import type { SendFailureKind } from '../../core/errors.ts';

/** How long an SES call may take: to connect (nothing sent yet), and in all (the answer may then be lost). */
export const SES_TIMEOUTS: { readonly connectMs: number; readonly requestMs: number } = {
  connectMs: 3_000,
  requestMs: 10_000,
};

const token = (count: number, delay: number): RetryToken => ({
  getRetryCount: () => count,
  getRetryDelay: () => delay,
});

/**
 * The SDK's retry policy for SES calls: another attempt only when SES certainly did not take the request (throttled,
 * or the connection never carried it), with capped exponential back-off and full jitter; a 5xx, a cut connection or a
 * timeout after the request went out is never retried (a second attempt could mail the reader twice), nor is a 4xx.
 */
export function retryOnlyUnsent(
  maxAttempts: number,
  classify: (error: unknown) => SendFailureKind,
  random: () => number = Math.random,
): RetryStrategyV2 {
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous: RetryToken, info: RetryErrorInfo) => {
      const kind = classify(info.error);
      const count = previous.getRetryCount() + 1;
      if ((kind !== 'throttled' && kind !== 'transient') || count >= maxAttempts) throw info.error;
      return token(count, Math.round(Math.min(5_000, 100 * 2 ** count) * random()));
    },
    recordSuccess: () => {},
  };
}
