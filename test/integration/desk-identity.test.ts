import { afterEach, describe, expect, it } from 'vitest';
import {
  claimsOf,
  credentialsFor,
  identityCall,
  idTokenOf,
  stoppedClock,
  useSigninStack,
} from '../support/desk-signin.ts';
import { tableItems } from '../support/local.ts';
import { signedFetch } from '../support/signed.ts';

// The injected clock of the sign-in, the identity stand-in and the runner's SigV4 check: moved by `clock.shift`.
const clock = stoppedClock();
const running = useSigninStack({ clock });
afterEach(() => {
  clock.shift = 0;
});

type Creds = Awaited<ReturnType<typeof credentialsFor>>;
/** A request to the editors' API signed as the desk signs it: the session credentials, at the injected clock. */
const asDesk = (c: Creds, method: string, path: string, body?: unknown) =>
  signedFetch(running.stack, method, path, {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretKey,
    sessionToken: c.SessionToken,
    signingDate: new Date(clock.now()),
    ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' }),
  });
const logins = (token: string) => ({ [running.stack.env.DESK_LOGINS_KEY as string]: token });
const LOOKUP = { email: 'nobody@example.org' };

describe('the identity-pool stand-in and the roles in the runner’s SigV4 check', () => {
  it('lets an editor call an editors’ route and refuses a data route with the IAM message', async () => {
    const creds = await credentialsFor(running.stack, await idTokenOf(running.stack, 'editor'));
    expect(creds.AccessKeyId).toMatch(/^ASIA[0-9A-Z]{16}$/);
    expect(creds.IdentityId).toMatch(/^eu-central-1:[0-9a-f-]{36}$/);
    expect(creds.Expiration).toBe(Math.floor(clock.now() / 1000) + 3600);
    const stats = await asDesk(creds, 'GET', '/admin/stats');
    expect(stats.status).toBe(200);
    expect(await stats.json()).toHaveProperty('total');
    const lookup = await asDesk(creds, 'POST', '/admin/subscribers/lookup', LOOKUP);
    expect(lookup.status).toBe(403);
    const { message } = (await lookup.json()) as { message: string };
    expect(message).toMatch(
      /^User: arn:aws:sts::local:assumed-role\/desk-editor\/[0-9a-f-]{36} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-central-1:local:local\/\$default\/POST\/admin\/subscribers\/lookup$/,
    );
  });

  it('lets the data role call both its own routes and the editors’', async () => {
    const creds = await credentialsFor(running.stack, await idTokenOf(running.stack, 'data'));
    expect((await asDesk(creds, 'GET', '/admin/stats')).status).toBe(200);
    const lookup = await asDesk(creds, 'POST', '/admin/subscribers/lookup', LOOKUP);
    // The function ran and answered for the address (none held): not the runner's 403.
    expect(lookup.status).toBe(404);
    expect(((await lookup.json()) as { error: { message: string } }).error.message).toBe(
      'no data is held for that address',
    );
  });

  it('gives the function the desk user’s assumed-role ARN, as API Gateway does, so its records name the editor', async () => {
    const idToken = await idTokenOf(running.stack, 'editor');
    const creds = await credentialsFor(running.stack, idToken);
    const res = await asDesk(creds, 'PUT', '/admin/editions/2031-W05/hold');
    expect(res.status).toBe(200);
    const hold = (await tableItems(running.stack)).find((i) => i.kind === 'hold' && i.edition === '2031-W05');
    expect(hold?.heldBy).toBe(`arn:aws:sts::local:assumed-role/desk-editor/${claimsOf(idToken)['cognito:username']}`);
  });

  it('refuses expired session credentials with the expired-token message', async () => {
    const creds = await credentialsFor(running.stack, await idTokenOf(running.stack, 'editor'));
    clock.shift = 3600 * 1000 - 5000;
    expect((await asDesk(creds, 'GET', '/admin/stats')).status).toBe(200);
    clock.shift = 3600 * 1000;
    const res = await asDesk(creds, 'GET', '/admin/stats');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'The security token included in the request is expired' });
  });

  it('refuses a session token changed to another role, and a signature with another secret', async () => {
    const creds = await credentialsFor(running.stack, await idTokenOf(running.stack, 'editor'));
    const [payload, tag] = creds.SessionToken.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, group: 'data' })).toString('base64url')}.${tag}`;
    const res = await asDesk({ ...creds, SessionToken: forged }, 'POST', '/admin/subscribers/lookup', LOOKUP);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'The security token included in the request is invalid.' });
    const wrongSecret = await asDesk({ ...creds, SecretKey: 'x'.repeat(40) }, 'GET', '/admin/stats');
    expect(wrongSecret.status).toBe(403);
    expect(await wrongSecret.json()).toEqual({ message: 'Forbidden: signature does not match' });
  });

  it('refuses a tampered id token, an expired one and one for another identity, as Cognito does', async () => {
    const idToken = await idTokenOf(running.stack, 'editor');
    const [h, , s] = idToken.split('.') as [string, string, string];
    const claims = claimsOf(idToken);
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['data'] })).toString('base64url')}.${s}`;
    for (const operation of ['GetId', 'GetCredentialsForIdentity']) {
      const res = await identityCall(running.stack, operation, {
        IdentityPoolId: 'local:desk',
        IdentityId: 'eu-central-1:00000000-0000-0000-0000-000000000000',
        Logins: logins(tampered),
      });
      expect(res).toEqual({
        status: 400,
        body: { __type: 'NotAuthorizedException', message: "Invalid login token. Couldn't verify signed token." },
      });
    }
    const { IdentityId } = await credentialsFor(running.stack, idToken);
    const other = await credentialsFor(running.stack, await idTokenOf(running.stack, 'data'));
    const mismatch = await identityCall(running.stack, 'GetCredentialsForIdentity', {
      IdentityId: other.IdentityId,
      Logins: logins(idToken),
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.__type).toBe('NotAuthorizedException');
    clock.shift = 3600 * 1000;
    const expired = await identityCall(running.stack, 'GetCredentialsForIdentity', {
      IdentityId,
      Logins: logins(idToken),
    });
    expect(expired).toEqual({
      status: 400,
      body: { __type: 'NotAuthorizedException', message: 'Invalid login token. Token expired.' },
    });
  });

  it.each([
    ['no login (guest access)', 'GetId', { IdentityPoolId: 'local:desk' }, 'NotAuthorizedException'],
    ['another pool', 'GetId', { IdentityPoolId: 'eu-central-1:other', Logins: {} }, 'ResourceNotFoundException'],
    [
      'another provider',
      'GetId',
      { IdentityPoolId: 'local:desk', Logins: { 'accounts.google.com': 'x' } },
      'NotAuthorizedException',
    ],
    ['no pool id', 'GetId', { Logins: {} }, 'InvalidParameterException'],
    ['no identity id', 'GetCredentialsForIdentity', { Logins: {} }, 'InvalidParameterException'],
    ['an unknown operation', 'ListIdentities', {}, 'UnknownOperationException'],
  ])('answers %s (%s) with a 400', async (_name, operation, body, type) => {
    const res = await identityCall(running.stack, operation, body);
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe(type);
    expect(res.body.message).toMatch(/\S/);
  });

  it('still gives the runner’s own credentials every route', async () => {
    const res = await signedFetch(running.stack, 'POST', '/admin/subscribers/lookup', {
      body: JSON.stringify(LOOKUP),
      contentType: 'application/json',
    });
    expect(res.status).toBe(404);
  });
});
