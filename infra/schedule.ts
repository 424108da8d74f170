import { DEFAULT_TIME_ZONE } from '../functions/core/edition.ts';

/**
 * The weekly send's default schedule, in one place for the CDK stack and the local runner: the same moment as a
 * five-field cron (croner) and as an EventBridge Scheduler expression, in the same time zone. Pure constants, so
 * importing this file pulls in no CDK code.
 */
export const DEFAULT_SCHEDULE = {
  /** Fridays at 09:00. */
  cron: '0 9 * * 5',
  awsExpression: 'cron(0 9 ? * FRI *)',
  timezone: DEFAULT_TIME_ZONE,
} as const;
