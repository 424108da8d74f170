// The time shapes the exports write: ISO 8601 (Substack, Ghost, Buttondown), `YYYY-MM-DD HH:MM:SS` in UTC
// (Mailchimp's OPTIN_TIME and CONFIRM_TIME) and Go's `time.String()` (listmonk: `2024-01-02 15:04:05.123 +0000 UTC`).
const SHAPE =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?(?:\s+[A-Z]{2,5})?$/;

/** The value as ISO 8601 in UTC; undefined when empty; null when it is no time this import can read. */
export function importTime(value: string | undefined): string | undefined | null {
  const v = value?.trim() ?? '';
  if (v === '') return undefined;
  const m = SHAPE.exec(v);
  if (!m) return null;
  const zone = m[3] ? (m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`) : 'Z';
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${zone}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
