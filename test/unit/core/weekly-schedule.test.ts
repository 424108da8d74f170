import { describe, expect, it } from 'vitest';
import { fromHeader } from '../../../functions/adapters/ses/mailer.ts';
import { weeklyTime } from '../../../functions/core/weekly-schedule.ts';
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
