import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../app/ports/log.ts';

// Anything with an @ between two runs of address characters: errs on the side of redacting too much.
const EMAIL = /[^\s<>"(),;:[\]\\]+@[^\s<>"(),;:[\]\\]+/g;

/** Replaces anything that looks like an e-mail address, so no log line carries one. */
export function redact(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(EMAIL, '[email]');
  if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: redact(value.stack) };
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
  }
  return value;
}

/** A Powertools JSON logger behind the Log port, with every message and field redacted. */
export function createLog(serviceName = 'newsletter'): Log & { logger: Logger } {
  const logger = new Logger({ serviceName });
  const line =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, extra: Record<string, unknown> = {}) =>
      logger[level](redact(message) as string, redact(extra) as Record<string, unknown>);
  return { logger, info: line('info'), warn: line('warn'), error: line('error') };
}
