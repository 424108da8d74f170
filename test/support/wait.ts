import { vi } from 'vitest';

/**
 * Retries `check` until it returns without throwing, and returns what it returned: for what another process or
 * queue does in its own time. The limit is no guess at the machine's speed, only a bound for a hang; it stays below
 * the test and hook timeouts (vitest.config.ts), so a hang fails with the check's own last error.
 */
export function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 240_000, interval: 25 });
}
