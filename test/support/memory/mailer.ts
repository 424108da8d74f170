import type { Mailer, OutgoingEmail } from '../../../functions/app/ports/mailer.ts';
import { SendFailure, type SendFailureKind } from '../../../functions/core/errors.ts';

/** Keeps every accepted e-mail; `fail` decides, per e-mail, to throw a SendFailure of a kind instead. */
export class MemoryMailer implements Mailer {
  readonly sent: (OutgoingEmail & { messageId: string })[] = [];
  fail: (mail: OutgoingEmail) => SendFailureKind | undefined = () => undefined;
  /** Called with each e-mail before it is accepted (a test's hook into "right before SendEmail"). */
  beforeSend: (mail: OutgoingEmail) => Promise<void> | void = () => undefined;

  /** Accepts the e-mail unless `fail` names a failure. */
  async send(mail: OutgoingEmail): Promise<{ messageId: string }> {
    await this.beforeSend(mail);
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
