import type { ConfirmationCeiling } from '../../../functions/app/ports/confirmation-ceiling.ts';

const HOUR_MS = 3_600_000;

/** The hourly ceiling's counts in a Map, by clock hour (as DynamoConfirmationCeiling). */
export class MemoryConfirmationCeiling implements ConfirmationCeiling {
  readonly counts = new Map<number, number>();

  constructor(private readonly perHour: number) {}

  async take(now: number): Promise<boolean> {
    const hour = Math.floor(now / HOUR_MS);
    const n = this.counts.get(hour) ?? 0;
    if (n >= this.perHour) return false;
    this.counts.set(hour, n + 1);
    return true;
  }

  async giveBack(now: number): Promise<void> {
    const hour = Math.floor(now / HOUR_MS);
    this.counts.set(hour, Math.max(0, (this.counts.get(hour) ?? 0) - 1));
  }

  nextHour(now: number): number {
    return (Math.floor(now / HOUR_MS) + 1) * HOUR_MS;
  }
}
