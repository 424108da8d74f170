import { describe, expect, it } from 'vitest';
import { startLambdaStandIn } from '../../local/lambda-stand-in.ts';

/** A promise and the function that resolves it. */
function latch() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('the local Lambda stand-in', () => {
  it('is idle only once every Event invocation has finished, one started by another included', async () => {
    const first = latch();
    const second = latch();
    const finished: string[] = [];
    let invoke: (name: string) => Promise<Response> = async () => new Response();
    const lambda = await startLambdaStandIn(
      {
        first: async () => {
          await first.opened;
          // Started before this one returns, as a function that starts another would.
          await invoke('second');
          finished.push('first');
        },
        second: async () => {
          await second.opened;
          finished.push('second');
        },
      },
      () => {},
    );
    invoke = (name) =>
      fetch(`${lambda.endpoint}/2015-03-31/functions/${name}/invocations`, {
        method: 'POST',
        headers: { 'x-amz-invocation-type': 'Event' },
        body: '{}',
      });
    try {
      expect((await invoke('first')).status).toBe(202);
      let idle = false;
      const settled = lambda.idle().then(() => {
        idle = true;
      });
      first.open();
      // The first is done once it has started the second; the stand-in is still busy with the second.
      await expect.poll(() => finished).toEqual(['first']);
      expect(idle).toBe(false);
      second.open();
      await settled;
      expect(finished).toEqual(['first', 'second']);
    } finally {
      await lambda.close();
    }
  });
});
