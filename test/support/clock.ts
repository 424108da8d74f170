import { afterAll, beforeAll, vi } from 'vitest';

/** The test file's clock: stands still until a test moves it. */
export interface TestClock {
  /** The clock's time (what the functions' `now()` answers). */
  now(): number;
  /** Moves the clock forward by `ms`, as that much waiting would. */
  advance(ms: number): void;
}

/**
 * Stops `Date` for the whole test file (timers stay real, so the stand-ins and the SDK run as usual): the functions
 * read the time through `Date.now`, so a cooldown or a claim timeout passes only when a test says so, however slow
 * the machine is. Call it before `useLocalStack`, so the stack's functions are built on the stopped clock.
 */
export function useStoppedClock(): TestClock {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  });
  afterAll(() => {
    vi.useRealTimers();
  });
  return {
    now: () => Date.now(),
    advance: (ms) => vi.setSystemTime(Date.now() + ms),
  };
}
