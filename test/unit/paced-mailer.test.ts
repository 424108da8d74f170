import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedMailer } from '../../functions/adapters/paced/mailer.ts';
import type { Mailer, OutgoingEmail } from '../../functions/app/ports/mailer.ts';
import { MemoryMailer } from '../support/memory/mailer.ts';

const mail = { to: 'a@example.org', subject: 's', html: '<p>h</p>', text: 't' } as unknown as OutgoingEmail;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the paced mailer', () => {
  it('hands SES at most `perSecond` e-mails a second, evenly spaced, however many are asked at once', async () => {
    const handed: number[] = [];
    const inner: Mailer = {
      send: async () => {
        handed.push(Date.now());
        return { messageId: `m-${handed.length}` };
      },
    };
    const paced = new PacedMailer(inner, 10, () => Date.now());
    const start = Date.now();
    const sends = Array.from({ length: 4 }, () => paced.send(mail));
    await vi.advanceTimersByTimeAsync(0);
    expect(handed).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(handed).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(handed).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(200);
    expect((await Promise.all(sends)).map((s) => s.messageId)).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
    expect(handed.map((t) => t - start)).toEqual([0, 100, 200, 300]);
  });

  it('does not wait when the calls come slower than the pace', async () => {
    const handed: number[] = [];
    const inner: Mailer = { send: async () => ({ messageId: String(handed.push(Date.now())) }) };
    const paced = new PacedMailer(inner, 10, () => Date.now());
    const start = Date.now();
    await paced.send(mail);
    await vi.advanceTimersByTimeAsync(250);
    await paced.send(mail);
    expect(handed.map((t) => t - start)).toEqual([0, 250]);
  });

  it('resumes its pace after the process stalled, instead of handing SES every e-mail due meanwhile at once', async () => {
    vi.useRealTimers();
    // SES's own rate (a bucket of one second's worth) behind a pacer at the same rate.
    const ses = new MemoryMailer({ perSecond: 10 });
    const paced = new PacedMailer(ses, 10);
    const sends = Array.from({ length: 25 }, (_, i) => paced.send({ ...mail, to: `r${i}@example.org` }));
    // The process stalls for 1.5 s: 15 slots pass. A machine that is merely busy makes such stalls at random.
    const stalled = performance.now();
    while (performance.now() - stalled < 1_500) {}
    const answers = await Promise.allSettled(sends);
    expect(answers.filter((a) => a.status === 'rejected')).toEqual([]);
    expect(ses.throttled).toBe(0);
    expect(ses.sent).toHaveLength(25);
  });
});
