import { GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { SenderVerification } from '../../app/ports/sender-verification.ts';
import { SES_TIMEOUTS } from './retry.ts';

/** Asks SES (`GetEmailIdentity`) whether the sending identity is verified for sending. */
export class SesSenderVerification implements SenderVerification {
  constructor(
    private readonly client: SESv2Client,
    private readonly identity: string,
  ) {}

  static create(identity: string): SesSenderVerification {
    return new SesSenderVerification(
      new SESv2Client({
        requestHandler: { connectionTimeout: SES_TIMEOUTS.connectMs, requestTimeout: SES_TIMEOUTS.requestMs },
      }),
      identity,
    );
  }

  async check() {
    const answer = await this.client.send(new GetEmailIdentityCommand({ EmailIdentity: this.identity }));
    return { identity: this.identity, verified: answer.VerifiedForSendingStatus === true };
  }
}
