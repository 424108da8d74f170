import type { Language } from '../functions/core/language.ts';
import { weeklyTime } from '../functions/core/weekly-schedule.ts';
import scheduleTexts from './compiled/messages/schedule.json' with { type: 'json' };
import { translator } from './messages.ts';

const t = /* @__PURE__ */ translator(scheduleTexts);

/**
 * The weekly schedule in words, e.g. "every Friday at 09:00 (GMT+3)"; undefined when the expression is not a
 * once-a-week cron. `at` picks the time zone's offset (summer or winter time).
 */
export function scheduleInWords(lang: Language, expression: string, timeZone: string, at: number): string | undefined {
  const time = weeklyTime(expression);
  if (!time) return undefined;
  const zone =
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  const clock = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
  return t(lang, 'schedule.at', { day: t(lang, `schedule.day.${time.weekday}`), time: clock, zone });
}
