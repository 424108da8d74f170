import { describe, expect, it } from 'vitest';
import { useStoppedClock } from '../support/clock.ts';
import { inbox, postJson } from '../support/local.ts';
import { useStackBehindProxy } from '../support/stack-behind-proxy.ts';

const clock = useStoppedClock();
const behind = useStackBehindProxy({ MAIL_COOLDOWN_SECONDS: '1' }, { writes: 'none' });
const { stack } = behind;

/** The DynamoDB calls one subscribe request makes, its confirmation e-mail included. */
async function callsOf(email: string, ip: string): Promise<string[]> {
  await stack.current.drain();
  behind.proxy.calls.length = 0;
  expect((await postJson(stack.current, '/subscribe', { email, language: 'en' }, ip)).status).toBe(202);
  await stack.current.drain();
  return [...behind.proxy.calls].sort();
}

describe('the I/O of a subscribe request', () => {
  // Every confirmation reads the reader's erasure marker (SUB#<id>/ERASED, issue 21 item 5): a request made before
  // the address was erased is never mailed.
  it("for a new address: the client counter, the erasure marker's read, two conditional writes (mailbox slot, pending record), the readers' counter and the hour's ceiling", async () => {
    expect(await callsOf('new.reader@example.org', '198.51.100.70')).toEqual([
      'GetItem SUB#',
      'PutItem MAILBOX#',
      'PutItem SUB#',
      'UpdateItem CEILING#',
      'UpdateItem COUNT#',
      'UpdateItem RATE#',
    ]);
    expect(await inbox(stack.current, 'new.reader@example.org')).toHaveLength(1);
  });

  // The pending request's window moves by a second, within the same day: its counter cell stays, nothing to move.
  it('for a known address: the erasure marker, the writes that find it known, the reads (the own-write check, the re-read), the writes', async () => {
    clock.advance(1_100);
    expect(await callsOf('new.reader@example.org', '198.51.100.71')).toEqual([
      'GetItem MAILBOX#',
      'GetItem SUB#',
      'GetItem SUB#',
      'GetItem SUB#',
      'PutItem MAILBOX#',
      'PutItem MAILBOX#',
      'PutItem SUB#',
      'PutItem SUB#',
      'UpdateItem CEILING#',
      'UpdateItem RATE#',
    ]);
    expect(await inbox(stack.current, 'new.reader@example.org')).toHaveLength(2);
  });
});
