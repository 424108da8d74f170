import { ConcurrentUpdateError } from '../core/errors.ts';

/** Retries a read-decide-write step when a concurrent writer won (ConcurrentUpdateError), re-reading each time. */
export async function withOptimisticRetry<T>(attempt: () => Promise<T>, tries = 12): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || i >= tries) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * i));
    }
  }
}
