import type { Commentary } from './commentary.ts';
import type { Language } from './language.ts';

/** The longest editor's note (characters of Markdown). */
export const MAX_NOTE_CHARS = 1000;

/** An editor's note, rendered once when it is set: safe HTML paragraphs and plain text. */
export interface EditorNote {
  readonly markdown: string;
  readonly html: string;
  readonly text: string;
}

/** What the editors decided about an edition beyond its commentaries: order, notes, removed items. */
export interface Editorial {
  /** Keys in the order set by `PUT .../order`; keys not listed follow. */
  readonly order: readonly string[];
  readonly notes: Partial<Record<Language, EditorNote>>;
  /** Per language, the keys taken out of the edition. */
  readonly removed: Partial<Record<Language, readonly string[]>>;
}

/** An edition nobody has shaped yet. */
export const NO_EDITORIAL: Editorial = { order: [], notes: {}, removed: {} };

/** Whether the editors removed this commentary from its edition. */
export function isRemoved(editorial: Editorial, c: Pick<Commentary, 'language' | 'key'>): boolean {
  return editorial.removed[c.language]?.includes(c.key) ?? false;
}

const collators = new Map<string, Intl.Collator>();
function collator(language: string): Intl.Collator {
  const known = collators.get(language);
  if (known) return known;
  const made = new Intl.Collator(language);
  collators.set(language, made);
  return made;
}

/**
 * An edition's order of keys, the same in every language: first the keys of `PUT .../order` as listed, then keys with
 * an `order` in their front matter (smallest first), then the rest in order of import (a key's first import in any
 * language); items stored before import order was kept follow by date, then key.
 */
export function rankKeys(all: readonly Commentary[], order: readonly string[]): Map<string, number> {
  const facts = new Map<string, { order: number; arrived: number; date: string }>();
  for (const c of all) {
    const f = facts.get(c.key) ?? { order: Infinity, arrived: Infinity, date: c.date };
    f.order = Math.min(f.order, c.order ?? Infinity);
    f.arrived = Math.min(f.arrived, c.arrived ?? Infinity);
    if (c.date < f.date) f.date = c.date;
    facts.set(c.key, f);
  }
  const listed = new Map(order.map((k, i) => [k, i]));
  const keys = [...facts.keys()].sort((a, b) => {
    const fa = facts.get(a) as { order: number; arrived: number; date: string };
    const fb = facts.get(b) as { order: number; arrived: number; date: string };
    const la = listed.get(a) ?? Infinity;
    const lb = listed.get(b) ?? Infinity;
    return cmp(la, lb) || cmp(fa.order, fb.order) || cmp(fa.arrived, fb.arrived) || cmp(fa.date, fb.date) || cmp(a, b);
  });
  return new Map(keys.map((k, i) => [k, i]));
}

/** The items of one language in the edition's order (ties, which rankKeys never leaves, by topic). */
export function inEditionOrder(items: readonly Commentary[], ranks: ReadonlyMap<string, number>): Commentary[] {
  const language = items[0]?.language ?? 'en';
  return [...items].sort(
    (a, b) =>
      cmp(ranks.get(a.key) ?? Infinity, ranks.get(b.key) ?? Infinity) || collator(language).compare(a.topic, b.topic),
  );
}

function cmp<T extends number | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
