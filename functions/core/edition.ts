import { InvalidInputError } from './errors.ts';
import { type Language, languageInfo } from './language.ts';

/** The time zone editions are counted in unless configured otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Minsk';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const EDITION_PATTERN = /^([1-9]\d{3})-W(\d{2})$/;
const wallClocks = new Map<string, Intl.DateTimeFormat>();
const rangeFormats = new Map<Language, Intl.DateTimeFormat>();

/** True when `s` is a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = DATE_PATTERN.exec(s);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return toIsoDate(ms) === s;
}

/** The ISO edition (week) of a YYYY-MM-DD date, e.g. `2026-W48`; 2027-01-01 belongs to 2026-W53. */
export function editionOfDate(date: string): string {
  if (!isIsoDate(date)) throw new InvalidInputError('invalid_date', `not a YYYY-MM-DD date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  // The ISO week belongs to the year of its Thursday.
  const thursday = ms + (3 - isoWeekday(ms)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return formatEdition(year, week);
}

/** The edition of the local date of instant `epochMs` in the IANA `timeZone`. */
export function editionAt(epochMs: number, timeZone: string): string {
  const wall = wallClock(epochMs, timeZone);
  return editionOfDate(toIsoDate(wall));
}

/** True when `s` names an existing ISO week as `YYYY-Www`. */
export function isEdition(s: string): boolean {
  const m = EDITION_PATTERN.exec(s);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= weeksInYear(Number(m[1]));
}

/** The year and week of an edition; throws `invalid_edition` for malformed or nonexistent weeks. */
export function parseEdition(s: string): { year: number; week: number } {
  const m = EDITION_PATTERN.exec(s);
  if (!m || !isEdition(s)) {
    throw new InvalidInputError('invalid_edition', `not an existing ISO week (YYYY-Www): ${s}`);
  }
  return { year: Number(m[1]), week: Number(m[2]) };
}

/** The number of ISO weeks (52 or 53) in ISO week-numbering year `year`. */
export function weeksInYear(year: number): number {
  // 28 December always lies in the last ISO week of its year.
  return Number(editionOfDate(toIsoDate(Date.UTC(year, 11, 28))).slice(6));
}

/** The Monday and Sunday (YYYY-MM-DD) of an edition. */
export function editionDates(edition: string): { monday: string; sunday: string } {
  const monday = mondayMs(edition);
  return { monday: toIsoDate(monday), sunday: toIsoDate(monday + 6 * DAY_MS) };
}

/** The instant (epoch ms) of the edition's Monday 00:00 local time in `timeZone`. */
export function editionStart(edition: string, timeZone: string): number {
  // Midnight skipped by a clock change: the day starts at the transition.
  return instantOfWallClock(mondayMs(edition), timeZone);
}

/** The instant (epoch ms) of a local wall-clock time (given as if UTC) in `timeZone`; a skipped time: the transition. */
export function instantOfWallClock(wall: number, timeZone: string): number {
  const candidates = [wall - offsetAt(wall - DAY_MS, timeZone), wall - offsetAt(wall + DAY_MS, timeZone)];
  const exact = candidates.filter((ms) => wallClock(ms, timeZone) === wall);
  return exact.length > 0 ? Math.min(...exact) : Math.max(...candidates);
}

/** The local date of `epochMs` in `timeZone`, as the UTC instant of that date's midnight. */
export function localDayAt(epochMs: number, timeZone: string): number {
  const wall = wallClock(epochMs, timeZone);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

/** The edition after `edition`. */
export function nextEdition(edition: string): string {
  return editionOfDate(toIsoDate(mondayMs(edition) + 7 * DAY_MS));
}

/** The edition before `edition`. */
export function previousEdition(edition: string): string {
  return editionOfDate(toIsoDate(mondayMs(edition) - 7 * DAY_MS));
}

/** The edition's Monday–Sunday range in words, e.g. en `23–29 November 2026`, ru `23–29 ноября 2026`. */
export function formatEditionRange(edition: string, lang: Language): string {
  const { monday, sunday } = editionDates(edition);
  let format = rangeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(languageInfo(lang).locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    rangeFormats.set(lang, format);
  }
  const parts = format.formatRangeToParts(Date.parse(monday), Date.parse(sunday));
  return parts
    .map((part, i) => {
      if (part.type !== 'literal') return part.value;
      // ICU's Russian appends "г." to years; ICU's en-GB spaces the dash even between two bare days.
      const value = part.value.replace(/[\s\u202f]*г\./g, '');
      if (!/[–-]/.test(value)) return value.replace(/\s+/g, ' ');
      return parts[i - 1]?.type === 'day' && parts[i + 1]?.type === 'day' ? '–' : ' – ';
    })
    .join('')
    .trim();
}

function mondayMs(edition: string): number {
  const { year, week } = parseEdition(edition);
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - isoWeekday(jan4) * DAY_MS + (week - 1) * 7 * DAY_MS;
}

/** 0 for Monday … 6 for Sunday. */
function isoWeekday(ms: number): number {
  return (new Date(ms).getUTCDay() + 6) % 7;
}

function toIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function formatEdition(year: number, week: number): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The local wall-clock time of `epochMs` in `timeZone`, expressed as if it were a UTC instant. */
function wallClock(epochMs: number, timeZone: string): number {
  let format = wallClocks.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (cause) {
      throw new InvalidInputError('invalid_time_zone', `unknown time zone: ${timeZone}`, { cause });
    }
    wallClocks.set(timeZone, format);
  }
  const f: Record<string, number> = {};
  for (const part of format.formatToParts(epochMs)) f[part.type] = Number(part.value);
  const seconds = Math.floor(epochMs / 1000) * 1000;
  return Date.UTC(f.year ?? 0, (f.month ?? 1) - 1, f.day, f.hour, f.minute, f.second) + (epochMs - seconds);
}

function offsetAt(epochMs: number, timeZone: string): number {
  return wallClock(epochMs, timeZone) - epochMs;
}
