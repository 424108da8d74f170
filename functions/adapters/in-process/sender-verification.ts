import type { SenderVerification } from '../../app/ports/sender-verification.ts';

/**
 * The local runner's answer in place of SES `GetEmailIdentity`, which the SES stand-in (aws-ses-v2-local) does not
 * implement: verified unless LOCAL_SENDER_VERIFIED is `false` (a test of an unverified sender sets it). Never on AWS.
 */
export class StandInSenderVerification implements SenderVerification {
  constructor(
    private readonly identity: string,
    private readonly verified: boolean,
  ) {}

  async check() {
    return { identity: this.identity, verified: this.verified };
  }
}
