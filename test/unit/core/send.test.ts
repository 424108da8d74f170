import { describe, expect, it } from 'vitest';
import { backoffSeconds, type Delivery, summarize } from '../../../functions/core/send.ts';

const d = (status: Delivery['status'], language: Delivery['language'] = 'en'): Delivery => ({
  subscriberId: `${status}-${Math.random()}`,
  language,
  status,
  attempts: 1,
});

describe('summarize', () => {
  it('counts each status per language, and the planned but never claimed as unhandled', () => {
    const report = summarize({ en: 10, be: 2 }, [
      d('sent'),
      d('sent'),
      d('failed'),
      d('skipped'),
      d('sending'),
      d('retry'),
      d('bounced'),
      d('complained'),
      d('sent', 'be'),
    ]);
    expect(report.en).toEqual({
      planned: 10,
      sent: 4,
      failed: 1,
      skipped: 1,
      bounced: 1,
      complained: 1,
      pending: 2,
      unhandled: 2,
      uncertain: 0,
    });
    expect(report.be).toEqual({
      planned: 2,
      sent: 1,
      failed: 0,
      skipped: 0,
      bounced: 0,
      complained: 0,
      pending: 0,
      unhandled: 1,
      uncertain: 0,
    });
  });

  it('shows a planned language without any record, and a language with records but no plan', () => {
    const report = summarize({ ru: 3 }, [d('sent', 'be')]);
    expect(report.ru).toMatchObject({ planned: 3, sent: 0, unhandled: 3 });
    expect(report.be).toMatchObject({ planned: 0, sent: 1, unhandled: 0 });
    expect(Object.keys(report).sort()).toEqual(['be', 'ru']);
  });

  it('never reports a negative unhandled count', () => {
    expect(summarize({ en: 1 }, [d('sent'), d('sent')]).en?.unhandled).toBe(0);
  });
});

describe('backoffSeconds', () => {
  it('grows exponentially from 10 seconds with the receive count, before jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, 1))).toEqual([10, 20, 40, 80]);
  });

  it('is capped at 900 seconds (the SQS maximum delay) or the given cap', () => {
    expect(backoffSeconds(30, 1)).toBe(900);
    expect(backoffSeconds(30, 1, 120)).toBe(120);
  });

  it('spreads retries with full jitter and never waits less than a second', () => {
    expect(backoffSeconds(4, 0.5)).toBe(40);
    expect(backoffSeconds(4, 0)).toBe(1);
  });
});
