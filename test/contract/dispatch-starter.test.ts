import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaDispatchStarter } from '../../functions/adapters/lambda/dispatch-starter.ts';
import type { DispatchStarter } from '../../functions/app/ports/dispatch-starter.ts';
import { startLambdaStandIn } from '../../local/lambda-stand-in.ts';
import { MemoryDispatchStarter } from '../support/memory/dispatch-starter.ts';

/** A starter whose dispatch function is `dispatch`; the dispatch errors it saw; waiting for every dispatch. */
interface StarterUnderTest {
  readonly starter: DispatchStarter;
  errors(): unknown[];
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** A promise and the function that resolves it. */
function latch() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/**
 * The dispatch starter's contract: `start` returns while the dispatch it started still runs (a send of any size
 * starts within an API request), each start is one dispatch of its edition, and a dispatch's failure is the
 * dispatch's own (never thrown at the caller, who has long returned).
 */
export function describeDispatchStarter(
  name: string,
  make: (dispatch: (edition: string) => Promise<void>) => Promise<StarterUnderTest>,
): void {
  describe(`dispatch starter: ${name}`, () => {
    let under: StarterUnderTest | undefined;
    afterEach(async () => {
      await under?.close();
    });

    it('starts one dispatch per start, returning while the dispatch still runs', async () => {
      const gate = latch();
      const running: string[] = [];
      const finished: string[] = [];
      under = await make(async (edition) => {
        running.push(edition);
        await gate.opened;
        finished.push(edition);
      });
      let returned = 0;
      for (const edition of ['2026-W48', '2026-W49']) void under.starter.start(edition).then(() => returned++);
      await expect.poll(() => returned, { message: 'starts returned' }).toBe(2);
      await expect.poll(() => [...running].sort()).toEqual(['2026-W48', '2026-W49']);
      expect(finished).toEqual([]);
      gate.open();
      await under.idle();
      expect([...finished].sort()).toEqual(['2026-W48', '2026-W49']);
      expect(under.errors()).toEqual([]);
    });

    it('leaves a failing dispatch’s error to the dispatch, not to the caller of start', async () => {
      under = await make(async (edition) => {
        throw new Error(`dispatch of ${edition} failed`);
      });
      await expect(under.starter.start('2026-W48')).resolves.toBeUndefined();
      await under.idle();
      expect(under.errors().map((e) => (e as Error).message)).toEqual(['dispatch of 2026-W48 failed']);
    });
  });
}

describeDispatchStarter('Lambda adapter on the local Lambda stand-in', async (dispatch) => {
  const errors: unknown[] = [];
  const lambda = await startLambdaStandIn(
    { dispatch: (payload) => dispatch((payload as { edition: string }).edition) },
    (_name, error) => errors.push(error),
  );
  const client = new LambdaClient({
    endpoint: lambda.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    starter: new LambdaDispatchStarter(client, 'dispatch'),
    errors: () => errors,
    idle: () => lambda.idle(),
    close: () => lambda.close(),
  };
});
describeDispatchStarter('in memory', async (dispatch) => {
  const starter = new MemoryDispatchStarter(dispatch);
  return { starter, errors: () => starter.errors, idle: () => starter.idle(), close: () => starter.idle() };
});
