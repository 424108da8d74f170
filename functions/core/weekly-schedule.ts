import { DEFAULT_TIME_ZONE, instantOfWallClock, localDayAt } from './edition.ts';

/**
 * The weekly send's default schedule, in one place for the configuration, the CDK stack and the local runner: the
 * same moment as a five-field cron (croner) and as an EventBridge Scheduler expression, in the same time zone.
 */
export const DEFAULT_SCHEDULE = {
  /** Fridays at 09:00. */
  cron: '0 9 * * 5',
  awsExpression: 'cron(0 9 ? * FRI *)',
  timezone: DEFAULT_TIME_ZONE,
} as const;

/** The weekday (0 = Sunday) and time of day of a weekly schedule. */
export interface WeeklyTime {
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * Reads an EventBridge Scheduler `cron(min hour ? * DOW *)` expression that fires once a week (DOW a name such as
 * `FRI` or a number 1–7, 1 = Sunday); undefined for anything else (rate(...), several days, ranges).
 */
export function weeklyTime(expression: string): WeeklyTime | undefined {
  const fields = /^cron\((.+)\)$/.exec(expression.trim())?.[1]?.split(/\s+/);
  if (fields?.length !== 6) return undefined;
  const [minute, hour, dayOfMonth, month, dow] = fields as [string, string, string, string, string];
  if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour) || dayOfMonth !== '?' || month !== '*') return undefined;
  const byName = DAYS.indexOf(dow.toUpperCase());
  const weekday = byName >= 0 ? byName : /^[1-7]$/.test(dow) ? Number(dow) - 1 : -1;
  if (weekday < 0 || Number(hour) > 23 || Number(minute) > 59) return undefined;
  return { weekday, hour: Number(hour), minute: Number(minute) };
}

/**
 * The next time (epoch ms, after `now`) a once-a-week EventBridge cron fires in `timeZone`; undefined when the
 * expression is not one (a rate, several days: the caller says "unknown" rather than guess).
 */
export function nextWeeklyRun(expression: string, timeZone: string, now: number): number | undefined {
  const time = weeklyTime(expression);
  if (!time) return undefined;
  const today = localDayAt(now, timeZone);
  for (let d = 0; d <= 7; d++) {
    const day = today + d * 86_400_000;
    if (new Date(day).getUTCDay() !== time.weekday) continue;
    const at = instantOfWallClock(day + (time.hour * 60 + time.minute) * 60_000, timeZone);
    if (at > now) return at;
  }
  return undefined;
}

/**
 * `prepare`'s default schedule: two hours before the weekly send (Fridays at 07:00), in the same time zone; it pulls
 * the feeds and mails the editors their preview with the hold link.
 */
/** The re-permission steps' daily run (the reminder 7 days on, the erasure after 30: a day's precision). */
export const REPERMISSION_SCHEDULE = {
  cron: '0 10 * * *',
  awsExpression: 'cron(0 10 * * ? *)',
  timezone: DEFAULT_TIME_ZONE,
} as const;

export const DEFAULT_PREPARE_SCHEDULE = {
  cron: '0 7 * * 5',
  awsExpression: 'cron(0 7 ? * FRI *)',
  timezone: DEFAULT_TIME_ZONE,
} as const;
