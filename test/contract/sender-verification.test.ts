import { GetEmailIdentityCommand, NotFoundException, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StandInSenderVerification } from '../../functions/adapters/in-process/sender-verification.ts';
import { SesSenderVerification } from '../../functions/adapters/ses/sender-verification.ts';
import type { SenderVerification } from '../../functions/app/ports/sender-verification.ts';
import { type StandIn, startSes } from '../../local/stand-ins.ts';
import { type IdentityProxy, startIdentityProxy } from '../support/ses-identities.ts';

/** Makes the adapter for an identity that SES lets send (`verified`) or not. */
type MakeVerification = (identity: string, verified: boolean) => SenderVerification;

/** The sender verification's contract: the identity asked about, and SES's word on whether it may send. */
function describeSenderVerification(name: string, make: MakeVerification): void {
  describe(`sender verification: ${name}`, () => {
    it('says a verified domain may send, naming it', async () => {
      expect(await make('newsletter.example', true).check()).toEqual({
        identity: 'newsletter.example',
        verified: true,
      });
    });

    it('says an identity still waiting for its DKIM records may not send', async () => {
      expect(await make('newsletter.example', false).check()).toEqual({
        identity: 'newsletter.example',
        verified: false,
      });
    });

    it('asks about an address identity as it is spelt', async () => {
      const identity = 'weekly+news@newsletter.example';
      expect(await make(identity, true).check()).toEqual({ identity, verified: true });
      expect(await make(identity, false).check()).toEqual({ identity, verified: false });
    });
  });
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let ses: StandIn;
let proxy: IdentityProxy;
// Each identity's SES state in front of the stand-in, under a name per case: `verified` or not.
const states: Record<string, boolean> = {};
let client: SESv2Client;
beforeAll(async () => {
  ses = await startSes();
  proxy = await startIdentityProxy(ses.endpoint, states);
  client = new SESv2Client({ endpoint: proxy.endpoint, region: 'eu-central-1', credentials, maxAttempts: 1 });
});
afterAll(async () => {
  client?.destroy();
  await proxy?.close();
  await ses?.close();
});

describe('the SES stand-in', () => {
  it('does not answer GetEmailIdentity itself (so the proxy answers it as SES does)', async () => {
    const direct = new SESv2Client({ endpoint: ses.endpoint, region: 'eu-central-1', credentials, maxAttempts: 1 });
    await expect(direct.send(new GetEmailIdentityCommand({ EmailIdentity: 'newsletter.example' }))).rejects.toThrow();
    direct.destroy();
  });

  it('is a NotFoundException from SES for an identity never created, which the adapter passes on', async () => {
    const check = new SesSenderVerification(client, 'unknown.example').check();
    await expect(check).rejects.toBeInstanceOf(NotFoundException);
  });
});

describeSenderVerification(
  'SES adapter (SES v2 GetEmailIdentity, in front of aws-ses-v2-local)',
  (identity, verified) => {
    states[identity] = verified;
    return new SesSenderVerification(client, identity);
  },
);
describeSenderVerification(
  'the local runner’s stand-in',
  (identity, verified) => new StandInSenderVerification(identity, verified),
);
