/**
 * The weekly send's default schedule, in one place for the CDK stack and the local runner: the same moment as a
 * five-field cron (croner) and as an EventBridge Scheduler expression, in the same time zone. Pure constants, so
 * importing this file pulls in no CDK code.
 */
export const DEFAULT_SCHEDULE = {
  /** Fridays at 09:00. */
  cron: '0 9 * * 5',
  awsExpression: 'cron(0 9 ? * FRI *)',
  timezone: 'Europe/Minsk',
} as const;

/**
 * `prepare`'s default schedule: two hours before the weekly send (Fridays at 07:00), in the same time zone; it pulls
 * the feeds and mails the editors their preview with the hold link.
 */
export const DEFAULT_PREPARE_SCHEDULE = {
  cron: '0 7 * * 5',
  awsExpression: 'cron(0 7 ? * FRI *)',
  timezone: DEFAULT_SCHEDULE.timezone,
} as const;
