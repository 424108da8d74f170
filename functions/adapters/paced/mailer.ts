import type { Mailer, OutgoingEmail } from '../../app/ports/mailer.ts';

/**
 * A mailer that hands SES at most `perSecond` e-mails a second, evenly spaced (a token bucket holding one token):
 * the deliverer's share of the account's maximum send rate, so that its invocations together use the rate without
 * being throttled. The clock is the process's monotonic one; waiting is a timer, not a loop.
 */
export class PacedMailer implements Mailer {
  private next = 0;
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
    const now = this.clock();
    const slot = Math.max(now, this.next);
    this.next = slot + this.gapMs;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
    return this.inner.send(mail);
  }
}
