import type { DispatchStarter } from '../../../functions/app/ports/dispatch-starter.ts';

/**
 * Starts `dispatch` in the background as an asynchronous Lambda invocation does: `start` returns before it runs, and
 * its error goes to `errors` (Lambda's async error handling), never to the caller. `idle()` waits for every run.
 */
export class MemoryDispatchStarter implements DispatchStarter {
  readonly errors: unknown[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly dispatch: (edition: string) => Promise<unknown>) {}

  async start(edition: string): Promise<void> {
    const run: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.dispatch(edition))
      .then(
        () => undefined,
        (error: unknown) => void this.errors.push(error),
      )
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves once no dispatch is running (those started meanwhile included). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
