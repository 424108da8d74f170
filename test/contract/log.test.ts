import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLog } from '../../functions/adapters/powertools/log.ts';
import type { Log } from '../../functions/app/ports/log.ts';
import { type LogLine, MemoryLog } from '../support/memory/log.ts';
import { captureOutput } from '../support/output-capture.ts';

/** A logger and the lines its destination received. */
interface LogUnderTest {
  readonly log: Log;
  lines(): LogLine[];
  close?(): void;
}

/**
 * The log's contract: every line reaches the log at its level, with its message and its fields. (Redacting an
 * address is the Powertools adapter's own guard: the in-memory log keeps lines as given, so tests see a caller that
 * passes one.)
 */
export function describeLog(name: string, make: () => Promise<LogUnderTest>): void {
  describe(`log: ${name}`, () => {
    let under: LogUnderTest;
    beforeEach(async () => {
      under = await make();
    });
    afterEach(() => under.close?.());

    it('keeps each line at its level with its message and fields', () => {
      under.log.info('feed pulled', { feed: 'en', items: 3 });
      under.log.warn('feed slow', { feed: 'be', ms: 9000 });
      under.log.error('feed failed', { feed: 'ru', reason: 'HTTP 500' });
      under.log.info('nothing to add');
      expect(under.lines()).toEqual([
        { level: 'info', message: 'feed pulled', extra: { feed: 'en', items: 3 } },
        { level: 'warn', message: 'feed slow', extra: { feed: 'be', ms: 9000 } },
        { level: 'error', message: 'feed failed', extra: { feed: 'ru', reason: 'HTTP 500' } },
        { level: 'info', message: 'nothing to add' },
      ]);
    });
  });
}

// What Powertools adds to every line; the rest are the line's own fields.
const POWERTOOLS_KEYS = new Set(['level', 'message', 'timestamp', 'service', 'sampling_rate', 'xray_trace_id']);

describeLog('Powertools adapter on stdout', async () => {
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  vi.stubEnv('POWERTOOLS_DEV', '');
  const output = captureOutput();
  const log = createLog('newsletter');
  return {
    log,
    lines: () =>
      output
        .text()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .map(({ level, message, ...rest }) => {
          const extra = Object.fromEntries(Object.entries(rest).filter(([k]) => !POWERTOOLS_KEYS.has(k)));
          return {
            level: String(level).toLowerCase() as LogLine['level'],
            message: String(message),
            ...(Object.keys(extra).length > 0 ? { extra } : {}),
          };
        }),
    close() {
      output.restore();
      vi.unstubAllEnvs();
    },
  };
});
describeLog('in memory', async () => {
  const log = new MemoryLog();
  return { log, lines: () => log.lines };
});
