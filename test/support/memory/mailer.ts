import type { Mailer, OutgoingEmail } from '../../../functions/app/ports/mailer.ts';
import { SendFailure, type SendFailureKind } from '../../../functions/core/errors.ts';
import { sendRate } from '../send-rate.ts';

/**
 * Keeps every accepted e-mail; `fail` decides, per e-mail, to throw a SendFailure of a kind instead. With `perSecond`
 * it enforces the account's send rate as SES does (one second's worth at once, then `throttled`).
 */
export class MemoryMailer implements Mailer {
  readonly sent: (OutgoingEmail & { messageId: string })[] = [];
  /** Sends refused for the send rate. */
  throttled = 0;
  private readonly rate?: ReturnType<typeof sendRate>;
  fail: (mail: OutgoingEmail) => SendFailureKind | undefined = () => undefined;
  /** Called with each e-mail before it is accepted (a test's hook into "right before SendEmail"). */
  beforeSend: (mail: OutgoingEmail) => Promise<void> | void = () => undefined;

  constructor(options: { perSecond?: number } = {}) {
    if (options.perSecond) this.rate = sendRate(options.perSecond);
  }

  /** Accepts the e-mail unless `fail` names a failure or the send rate is used up. */
  async send(mail: OutgoingEmail): Promise<{ messageId: string }> {
    await this.beforeSend(mail);
    if (this.rate && !this.rate.take()) {
      this.throttled++;
      throw new SendFailure('throttled', 'memory mailer: maximum sending rate exceeded');
    }
    const kind = this.fail(mail);
    if (kind) throw new SendFailure(kind, `memory mailer: ${kind}`);
    const messageId = `memory-${this.sent.length + 1}`;
    this.sent.push({ ...mail, messageId });
    return { messageId };
  }

  /** The accepted e-mails to one address. */
  to(address: string): (OutgoingEmail & { messageId: string })[] {
    return this.sent.filter((m) => m.to === address);
  }
}
