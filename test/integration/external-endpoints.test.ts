import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StandIn, startDynalite, startSes } from '../../local/stand-ins.ts';
import { inbox, postJson, tableItems, useLocalStack } from '../support/local.ts';

let dynamo: StandIn;
let ses: StandIn;

// Registered before the stack's hook: the stack finds both variables set, as `npm start` would.
beforeAll(async () => {
  [dynamo, ses] = await Promise.all([startDynalite(), startSes()]);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_ENDPOINT_URL_SESV2 = ses.endpoint;
});
const stack = useLocalStack();
afterAll(async () => {
  await Promise.all([dynamo?.close(), ses?.close()]);
});

describe('the local stack with AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_SESV2 set', () => {
  it('uses those endpoints instead of its own stand-ins, and creates the table there', async () => {
    expect(stack.current.dynamo.endpoint).toBe(dynamo.endpoint);
    expect(stack.current.sesUrl).toBe(ses.endpoint);
    expect((await postJson(stack.current, '/subscribe', { email: 'outside@example.org', language: 'en' })).status).toBe(
      202,
    );
    // The confirmation is queued; once the queue is drained it is in the outside SES stand-in.
    await stack.current.drain();
    const mails = (await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: unknown[] };
    expect(mails.emails).toHaveLength(1);
    expect(await inbox(stack.current, 'outside@example.org')).toHaveLength(1);
    expect((await tableItems(stack.current)).filter((i) => i.kind === 'subscriber')).toHaveLength(1);
  });
});
