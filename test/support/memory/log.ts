import type { Log } from '../../../functions/app/ports/log.ts';

/** A log line as kept in memory. */
export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly extra?: Record<string, unknown>;
}

/** A logger that keeps its lines, so a test can check that no address is logged. */
export class MemoryLog implements Log {
  readonly lines: LogLine[] = [];

  /** Keeps an info line. */
  info(message: string, extra?: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, ...(extra ? { extra } : {}) });
  }

  /** Keeps a warning. */
  warn(message: string, extra?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, ...(extra ? { extra } : {}) });
  }

  /** Keeps an error line. */
  error(message: string, extra?: Record<string, unknown>): void {
    this.lines.push({ level: 'error', message, ...(extra ? { extra } : {}) });
  }
}
