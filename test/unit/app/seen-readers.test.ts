import { describe, expect, it } from 'vitest';
import { MAX_SEEN_READERS, SeenReaders } from '../../../functions/app/import-list/seen-readers.ts';
import { subscriberIdFor } from '../../../functions/core/identity.ts';

const key = new Uint8Array(32).fill(7);
const id = (n: number) => subscriberIdFor(key, `reader${n}@example.org`);

describe('SeenReaders (a dry run carries the readers its chunks decided)', () => {
  it('keeps each reader’s first line through packing, and no address', () => {
    const seen = new SeenReaders();
    seen.add(id(1), 2);
    seen.add(id(2), 70_000);
    seen.add(id(1), 9);
    const packed = seen.pack();
    expect(packed).not.toMatch(/example/);
    const back = SeenReaders.unpack(packed);
    expect([back.lineOf(id(1)), back.lineOf(id(2)), back.lineOf(id(3))]).toEqual([2, 70_000, undefined]);
    expect(SeenReaders.unpack(undefined).lineOf(id(1))).toBeUndefined();
  });

  it('stops recording past its limit, so the carry stays bounded', () => {
    const seen = new SeenReaders();
    for (let n = 0; n <= MAX_SEEN_READERS; n++) seen.add(id(n), n + 2);
    expect(seen.lineOf(id(MAX_SEEN_READERS - 1))).toBe(MAX_SEEN_READERS + 1);
    expect(seen.lineOf(id(MAX_SEEN_READERS))).toBeUndefined();
    expect(seen.pack().length).toBe(Math.ceil((MAX_SEEN_READERS * 13) / 3) * 4);
  });
});
