import { describe, expect, it } from 'vitest';
import { fromHeader } from '../../../functions/adapters/ses/mailer.ts';
import { nextWeeklyRun, weeklyTime } from '../../../functions/core/weekly-schedule.ts';
import { scheduleInWords } from '../../../templates/schedule.ts';

const NOV = Date.UTC(2026, 10, 27);

describe('weeklyTime', () => {
  it('reads a once-a-week EventBridge cron by day name or number', () => {
    expect(weeklyTime('cron(0 9 ? * FRI *)')).toEqual({ weekday: 5, hour: 9, minute: 0 });
    expect(weeklyTime('cron(30 7 ? * 2 *)')).toEqual({ weekday: 1, hour: 7, minute: 30 });
  });

  it('gives up on rates, several days and ranges', () => {
    for (const e of ['rate(7 days)', 'cron(0 9 ? * MON-FRI *)', 'cron(0 9 ? * MON,FRI *)', 'cron(0 9 1 * ? *)']) {
      expect(weeklyTime(e), e).toBeUndefined();
    }
  });
});

describe('scheduleInWords', () => {
  it('names the day in the right case and the time zone offset', () => {
    expect(scheduleInWords('en', 'cron(0 9 ? * FRI *)', 'Europe/Minsk', NOV)).toBe('every Friday at 09:00 (GMT+3)');
    expect(scheduleInWords('be', 'cron(0 9 ? * FRI *)', 'Europe/Minsk', NOV)).toBe('кожную пятніцу а 09:00 (GMT+3)');
    expect(scheduleInWords('ru', 'cron(15 18 ? * WED *)', 'Europe/Warsaw', NOV)).toBe('каждую среду в 18:15 (GMT+1)');
    expect(scheduleInWords('en', 'rate(7 days)', 'Europe/Minsk', NOV)).toBeUndefined();
  });
});

describe('fromHeader', () => {
  it('quotes an ASCII display name and encodes a Cyrillic one (RFC 2047)', () => {
    expect(fromHeader('Belarus Weekly', 'Weekly <weekly@example.org>')).toBe('"Belarus Weekly" <weekly@example.org>');
    const encoded = fromHeader('Беларусь за тыдзень', 'weekly@example.org');
    expect(encoded).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <weekly@example\.org>$/);
    const b64 = /B\?(.+)\?=/.exec(encoded)?.[1] as string;
    expect(Buffer.from(b64, 'base64').toString('utf8')).toBe('Беларусь за тыдзень');
  });
});

describe('nextWeeklyRun', () => {
  const at = (iso: string) => Date.parse(iso);
  const next = (e: string, tz: string, now: string) => {
    const ms = nextWeeklyRun(e, tz, at(now));
    return ms === undefined ? undefined : new Date(ms).toISOString();
  };

  it('finds the next Friday 09:00 in the time zone, a week on once it has passed', () => {
    expect(next('cron(0 9 ? * FRI *)', 'Europe/Minsk', '2026-12-07T18:00:00Z')).toBe('2026-12-11T06:00:00.000Z');
    expect(next('cron(0 9 ? * FRI *)', 'Europe/Minsk', '2026-12-11T05:59:59Z')).toBe('2026-12-11T06:00:00.000Z');
    expect(next('cron(0 9 ? * FRI *)', 'Europe/Minsk', '2026-12-11T06:00:00Z')).toBe('2026-12-18T06:00:00.000Z');
  });

  it('counts the local day, not the UTC one, and follows summer time', () => {
    // Thursday 21:20 UTC is already Friday 00:20 in Minsk: that Friday's 00:15 has passed.
    expect(next('cron(15 0 ? * FRI *)', 'Europe/Minsk', '2026-12-10T21:20:00Z')).toBe('2026-12-17T21:15:00.000Z');
    expect(next('cron(0 9 ? * SUN *)', 'Europe/Berlin', '2026-03-27T12:00:00Z')).toBe('2026-03-29T07:00:00.000Z');
    expect(next('cron(0 9 ? * SUN *)', 'Europe/Berlin', '2026-03-20T12:00:00Z')).toBe('2026-03-22T08:00:00.000Z');
  });

  it('gives up on an expression that is not once a week', () => {
    expect(next('rate(7 days)', 'Europe/Minsk', '2026-12-07T18:00:00Z')).toBeUndefined();
  });
});
