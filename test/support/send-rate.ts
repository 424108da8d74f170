import { type FaultProxy, startFaultProxy } from './ses-fault-proxy.ts';

/**
 * SES's maximum send rate as the account enforces it: a token bucket of `perSecond` e-mails a second holding at most
 * one second's worth (full at the start). `take()` is false when a send finds it empty (SES answers 429
 * TooManyRequestsException, "Maximum sending rate exceeded"). `refill()` fills it again.
 */
export function sendRate(perSecond: number, clock: () => number = () => performance.now()) {
  let tokens = perSecond;
  let at = clock();
  return {
    take(): boolean {
      const now = clock();
      tokens = Math.min(perSecond, tokens + ((now - at) / 1000) * perSecond);
      at = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    refill(): void {
      tokens = perSecond;
      at = clock();
    },
  };
}

/** The SES stand-in at `target` behind a proxy that enforces `perSecond` on every call (counts: pass, throttle). */
export async function startRateLimitedSes(target: string, perSecond: number): Promise<FaultProxy & { refill(): void }> {
  const rate = sendRate(perSecond);
  const proxy = await startFaultProxy(target, () => (rate.take() ? 'pass' : 'throttle'));
  return { ...proxy, refill: rate.refill };
}
