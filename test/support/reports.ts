import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const MAIL = join(import.meta.dirname, '..', 'fixtures', 'mail');

/** A stored raw-message template from test/fixtures/mail/ with its `{{name}}` slots filled in. */
export function mailFixture(name: string, slots: Record<string, string> = {}): string {
  const text = readFileSync(join(MAIL, name), 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = slots[key];
    if (value === undefined) throw new Error(`${name}: no value for {{${key}}}`);
    return value;
  });
}

/** The header block of a raw message (everything before the first empty line). */
export function headerBlock(raw: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  return (end < 0 ? raw : raw.slice(0, end)).replace(/\r\n/g, '\n');
}
