import { GetEmailIdentityCommand, NotFoundException, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StandInSenderVerification } from '../../functions/adapters/in-process/sender-verification.ts';
import { SesSenderVerification } from '../../functions/adapters/ses/sender-verification.ts';
import type { SenderVerification } from '../../functions/app/ports/sender-verification.ts';
import { type StandIn, startSes } from '../../local/stand-ins.ts';
import { type IdentityStandIn, startIdentityStandIn } from '../support/ses-identities.ts';

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
let identities: IdentityStandIn;
// Each identity's SES state: `verified` or not.
const states: Record<string, boolean> = {};
let client: SESv2Client;
beforeAll(async () => {
  ses = await startSes();
  identities = await startIdentityStandIn(states);
  client = new SESv2Client({ endpoint: identities.endpoint, region: 'eu-central-1', credentials, maxAttempts: 1 });
});
afterAll(async () => {
  client?.destroy();
  await identities?.close();
  await ses?.close();
});

describe('the SES stand-in (aws-ses-v2-local)', () => {
  it('does not answer GetEmailIdentity (so test/support/ses-identities.ts answers it as SES does)', async () => {
    const direct = new SESv2Client({ endpoint: ses.endpoint, region: 'eu-central-1', credentials, maxAttempts: 1 });
    await expect(direct.send(new GetEmailIdentityCommand({ EmailIdentity: 'newsletter.example' }))).rejects.toThrow();
    direct.destroy();
  });
});

describe('the SES adapter, on what only SES can answer', () => {
  it('asks SES about its identity as configured, not another spelling', async () => {
    states['Weekly+News@newsletter.example'] = true;
    await new SesSenderVerification(client, 'Weekly+News@newsletter.example').check();
    expect(identities.asked.at(-1)).toBe('Weekly+News@newsletter.example');
  });

  it('passes on SES’s NotFoundException for an identity never created', async () => {
    const check = new SesSenderVerification(client, 'unknown.example').check();
    await expect(check).rejects.toBeInstanceOf(NotFoundException);
  });
});

describeSenderVerification('SES adapter (SES v2 GetEmailIdentity, answered as SES does)', (identity, verified) => {
  states[identity] = verified;
  return new SesSenderVerification(client, identity);
});
describeSenderVerification(
  'the local runner’s stand-in',
  (identity, verified) => new StandInSenderVerification(identity, verified),
);
