import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  editionAt,
  editionDates,
  editionOfDate,
  editionStart,
  formatEditionRange,
  isIsoDate,
  nextEdition,
  parseEdition,
  previousEdition,
  weeksInYear,
} from '../../../functions/core/edition.ts';
import { InvalidInputError } from '../../../functions/core/errors.ts';

const HOUR = 3_600_000;

describe('editionOfDate', () => {
  it.each([
    ['2026-11-24', '2026-W48'],
    ['2026-11-23', '2026-W48'],
    ['2026-11-29', '2026-W48'],
    ['2026-11-30', '2026-W49'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2024-12-29', '2024-W52'],
    ['2021-01-03', '2020-W53'],
    ['2020-12-31', '2020-W53'],
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
  ])('puts %s in %s', (date, edition) => {
    expect(editionOfDate(date)).toBe(edition);
  });

  it('rejects a date that does not exist', () => {
    expect(() => editionOfDate('2026-02-30')).toThrow(InvalidInputError);
  });
});

describe('isIsoDate', () => {
  it('accepts real dates and a leap day', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00'])(
    'rejects %s',
    (s) => {
      expect(isIsoDate(s)).toBe(false);
    },
  );
});

describe('parseEdition', () => {
  it('reads the year and week', () => {
    expect(parseEdition('2026-W48')).toEqual({ year: 2026, week: 48 });
  });

  it('accepts W53 in years that have it', () => {
    expect(parseEdition('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseEdition('2020-W53')).toEqual({ year: 2020, week: 53 });
  });

  it.each(['2025-W53', '2027-W53', '2026-W00', '2026-W54', '2026-W7', '2026W48', '2026-w48', ' 2026-W48', ''])(
    'throws invalid_edition for %j',
    (s) => {
      expect(() => parseEdition(s)).toThrow(
        expect.objectContaining({ name: 'InvalidInputError', code: 'invalid_edition' }),
      );
    },
  );
});

describe('weeksInYear', () => {
  it.each([
    [2020, 53],
    [2021, 52],
    [2025, 52],
    [2026, 53],
    [2032, 53],
  ])('gives %i %i weeks', (year, weeks) => {
    expect(weeksInYear(year)).toBe(weeks);
  });
});

describe('editionDates', () => {
  it('gives Monday and Sunday', () => {
    expect(editionDates('2026-W48')).toEqual({ monday: '2026-11-23', sunday: '2026-11-29' });
  });

  it('crosses the year boundary', () => {
    expect(editionDates('2026-W53')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
    expect(editionDates('2025-W01')).toEqual({ monday: '2024-12-30', sunday: '2025-01-05' });
  });
});

describe('nextEdition and previousEdition', () => {
  it('step over W53 and the new year', () => {
    expect(nextEdition('2026-W52')).toBe('2026-W53');
    expect(nextEdition('2026-W53')).toBe('2027-W01');
    expect(nextEdition('2025-W52')).toBe('2026-W01');
    expect(previousEdition('2027-W01')).toBe('2026-W53');
    expect(previousEdition('2026-W01')).toBe('2025-W52');
  });
});

describe('editionAt', () => {
  // Monday 2026-11-23 00:00 in Minsk (UTC+3) is Sunday 21:00 UTC.
  const mondayMinsk = Date.UTC(2026, 10, 22, 21);

  it('switches at Monday 00:00 Minsk time', () => {
    expect(editionAt(mondayMinsk - 1, 'Europe/Minsk')).toBe('2026-W47');
    expect(editionAt(mondayMinsk, 'Europe/Minsk')).toBe('2026-W48');
  });

  it('still gives the previous week in UTC at the same instant', () => {
    expect(editionAt(mondayMinsk, 'UTC')).toBe('2026-W47');
    expect(editionAt(mondayMinsk + 3 * HOUR, 'UTC')).toBe('2026-W48');
  });

  it('rejects an unknown time zone', () => {
    expect(() => editionAt(mondayMinsk, 'Mars/Olympus')).toThrow(
      expect.objectContaining({ code: 'invalid_time_zone' }),
    );
  });
});

describe('editionStart', () => {
  it('gives Monday 00:00 local time', () => {
    expect(editionStart('2026-W48', 'Europe/Minsk')).toBe(Date.UTC(2026, 10, 22, 21));
    expect(editionStart('2026-W48', 'UTC')).toBe(Date.UTC(2026, 10, 23));
  });

  it('follows daylight saving time', () => {
    // Berlin is UTC+1 in March before the change on Sunday 29 March, UTC+2 after it.
    expect(editionStart('2026-W13', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 22, 23));
    expect(editionStart('2026-W14', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 22));
  });

  it('is the first instant of the edition', () => {
    const start = editionStart('2026-W53', 'Europe/Minsk');
    expect(editionAt(start, 'Europe/Minsk')).toBe('2026-W53');
    expect(editionAt(start - 1, 'Europe/Minsk')).toBe('2026-W52');
  });
});

describe('formatEditionRange', () => {
  it.each([
    ['2026-W48', 'en', '23–29 November 2026'],
    ['2026-W48', 'be', '23–29 лістапада 2026'],
    ['2026-W48', 'ru', '23–29 ноября 2026'],
    ['2026-W49', 'en', '30 November – 6 December 2026'],
    ['2026-W49', 'be', '30 лістапада – 6 снежня 2026'],
    ['2026-W49', 'ru', '30 ноября – 6 декабря 2026'],
    ['2026-W53', 'en', '28 December 2026 – 3 January 2027'],
    ['2026-W53', 'be', '28 снежня 2026 – 3 студзеня 2027'],
    ['2026-W53', 'ru', '28 декабря 2026 – 3 января 2027'],
  ] as const)('formats %s in %s as %s', (edition, lang, expected) => {
    expect(formatEditionRange(edition, lang)).toBe(expected);
  });
});

describe('edition properties', () => {
  const editions = fc
    .record({ year: fc.integer({ min: 1970, max: 2200 }), week: fc.integer({ min: 1, max: 53 }) })
    .filter(({ year, week }) => week <= weeksInYear(year))
    .map(({ year, week }) => `${year}-W${String(week).padStart(2, '0')}`);

  it('maps the Monday of an edition back to it', () => {
    fc.assert(fc.property(editions, (e) => editionOfDate(editionDates(e).monday) === e));
  });

  it('maps every day of the week to the same edition', () => {
    fc.assert(
      fc.property(editions, fc.integer({ min: 0, max: 6 }), (e, day) => {
        const date = new Date(Date.parse(editionDates(e).monday) + day * 86_400_000).toISOString().slice(0, 10);
        return editionOfDate(date) === e;
      }),
    );
  });

  it('steps forward and back to the same edition', () => {
    fc.assert(fc.property(editions, (e) => previousEdition(nextEdition(e)) === e));
  });
});
