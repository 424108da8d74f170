import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createRepermissionDeps } from '../../../functions/wiring/repermission.ts';
import { upload } from '../../support/imports.ts';
import { inbox, readerIdOf, tableItems, useLocalStack } from '../../support/local.ts';

const stack = useLocalStack();
const DAY = 86_400_000;
const ADDRESS = 'asked.by.schedule@example.org';

/** The scheduled function as the scheduler invokes it (input `{}`), its clock at `at`, with `leftMs` of its time. */
async function scheduledRun(at: number, leftMs = 300_000): Promise<Record<string, unknown>> {
  // The handler module wires itself at import, from the stack's environment (useLocalStack put it in process.env).
  const { repermissionHandler } = await import('../../../functions/handlers/repermission.ts');
  const { deps } = await createRepermissionDeps(stack.current.env);
  const context = { getRemainingTimeInMillis: () => leftMs, functionName: 'repermission' } as unknown as Context;
  return repermissionHandler({ ...deps, now: () => at })({}, context);
}

describe('the scheduled re-permission run', () => {
  it('sends the reminder after 7 days and erases the unanswered after 30, in the handler', async () => {
    const now = Date.now();
    await upload(stack.current, Buffer.from(`email,language,status,confirmed_at\n${ADDRESS},en,,\n`), {
      name: 'scheduled.csv',
      options: { format: 'generic' },
    });
    expect(await inbox(stack.current, ADDRESS)).toHaveLength(1);
    expect(await scheduledRun(now + 6 * DAY)).toMatchObject({ reminded: 0, erased: 0, more: false });
    // Too little of the invocation left: nothing started, the next run goes on.
    expect(await scheduledRun(now + 7 * DAY + 60_000, 10_000)).toMatchObject({ batches: 0, reminded: 0, more: true });
    expect(await scheduledRun(now + 7 * DAY + 60_000)).toMatchObject({ reminded: 1, erased: 0, more: false });
    expect(await scheduledRun(now + 8 * DAY)).toMatchObject({ reminded: 0 });
    const mails = await inbox(stack.current, ADDRESS);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.body.text).toContain('You were on our list at');
    expect(await scheduledRun(now + 29 * DAY)).toMatchObject({ erased: 0 });
    expect(await scheduledRun(now + 31 * DAY)).toMatchObject({ erased: 1 });
    const id = readerIdOf(stack.current, ADDRESS);
    const items = await tableItems(stack.current);
    expect(items.filter((i) => i.pk === `SUB#${id}` && i.sk === 'SUB')).toEqual([]);
    expect(items.filter((i) => i.pk === 'REPERM')).toEqual([]);
  });

  it("refuses an input other than the scheduler's {}", async () => {
    const { repermissionHandler } = await import('../../../functions/handlers/repermission.ts');
    const { deps } = await createRepermissionDeps(stack.current.env);
    const context = { getRemainingTimeInMillis: () => 300_000 } as unknown as Context;
    await expect(repermissionHandler(deps)({ edition: '2026-W48' }, context)).rejects.toThrow();
  });
});
