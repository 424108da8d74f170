import type { Mailer, OutgoingEmail } from '../../app/ports/mailer.ts';

/**
 * A mailer that hands SES at most `perSecond` e-mails a second, evenly spaced: the deliverer's share of the account's
 * maximum send rate, so that its invocations together use the rate without being throttled. Sends are released one
 * at a time, each once its slot has come by the clock (the process's monotonic one; waiting is a timer, not a loop).
 * A release that came late (a late timer) is made up by the next slot, but never by more than one slot: after the
 * process stalled (a busy machine, a long GC) at most two e-mails go back to back and the pace resumes, instead of
 * every e-mail due during the stall at once, which SES would throttle. An idle pacer gives no such credit.
 */
export class PacedMailer implements Mailer {
  private next = Number.NEGATIVE_INFINITY;
  private turn: Promise<void> = Promise.resolve();
  private readonly gapMs: number;

  constructor(
    private readonly inner: Mailer,
    perSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.gapMs = 1000 / perSecond;
  }

  /** Waits for the next slot, then sends. */
  async send(mail: OutgoingEmail): Promise<{ messageId: string }> {
    const asked = this.clock();
    const mine = this.turn.then(() => this.release(asked));
    this.turn = mine;
    await mine;
    return this.inner.send(mail);
  }

  /** Waits for this send's slot: the next one, or when it was asked if the pacer had been idle. */
  private async release(asked: number): Promise<void> {
    const slot = Math.max(this.next, asked);
    for (let wait = slot - this.clock(); wait > 0; wait = slot - this.clock()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.next = Math.max(slot, this.clock() - this.gapMs) + this.gapMs;
  }
}
