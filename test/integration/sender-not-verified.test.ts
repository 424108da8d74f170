import { beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import { dispatchLocally } from '../../local/dispatcher.ts';
import { expectRefused } from '../support/admin-requests.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

// The SES stand-in has no GetEmailIdentity: the local runner's stand-in answers "not verified" for this stack.
const stack = useLocalStack({ LOCAL_SENDER_VERIFIED: 'false' });
const READERS = readers('identity', 5, 'confirmed');
const E = '2026-W45';
const IDENTITY = 'weekly@newsletter.example';

beforeAll(async () => {
  await seedReaders(await createSendContext(stack.current.env), READERS);
  expect((await cli(stack.current.env, 'import', fixtureEdition(E))).code).toBe(0);
});

const mailedReaders = async () => {
  let mailed = 0;
  for (const r of READERS) mailed += (await inbox(stack.current, r.email)).length;
  return mailed;
};

describe('a sender identity SES has not verified for sending (issue 20 item 1)', () => {
  it("refuses the editors' send with a 409 sender_not_verified naming the identity, and mails nobody", async () => {
    await expectRefused(stack.current, {
      name: 'send while the sender is not verified',
      method: 'POST',
      path: `/admin/editions/${E}/send`,
      status: 409,
      code: 'sender_not_verified',
    });
    // The CLI's one line.
    await expect(cli(stack.current.env, 'send', '--edition', E, '--yes')).rejects.toThrow(
      `409: the sender identity ${IDENTITY} is not verified for sending in SES`,
    );
    const status = JSON.parse((await cli(stack.current.env, 'status', '--edition', E, '--json')).out);
    expect(status.status).toBe('not-started');
    expect(await mailedReaders()).toBe(0);
  });

  it('starts no scheduled send, and says why', async () => {
    const { result, progress } = await stack.current.dispatch({ edition: E });
    expect(result).toMatchObject({ status: 'sender-not-verified', edition: E, identity: IDENTITY });
    expect(result.status === 'sender-not-verified' && result.reason).toContain(`${IDENTITY} is not verified`);
    expect(progress.planned).toBe(0);
    expect(await mailedReaders()).toBe(0);
  });

  it('sends the edition to every reader once SES says the identity may send', async () => {
    const ctx = await createSendContext({ ...stack.current.env, LOCAL_SENDER_VERIFIED: 'true' });
    const { result } = await dispatchLocally(ctx, { edition: E }, { secondMs: 2 });
    expect(result.status).toBe('dispatched');
    for (const r of READERS) expect(await inbox(stack.current, r.email), r.email).toHaveLength(1);
  });
});
