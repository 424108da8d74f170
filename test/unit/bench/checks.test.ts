import { describe, expect, it } from 'vitest';
import { countQueued, everyReaderOnce } from '../../../bench/checks.ts';

const body = (...ids: string[]) => JSON.stringify({ edition: '2026-W10', language: 'en', ids });

describe("the bench's dispatch check", () => {
  it('passes when each reader is queued once', () => {
    const q = countQueued([body('a', 'b'), body('c')]);
    expect(q).toEqual({ ids: 3, distinct: 3, twice: 0 });
    expect(everyReaderOnce(q, 3)).toBe(true);
  });

  it('fails when a reader is queued twice, even with every reader present', () => {
    const q = countQueued([body('a', 'b'), body('c', 'a')]);
    expect(q).toEqual({ ids: 4, distinct: 3, twice: 1 });
    expect(everyReaderOnce(q, 3)).toBe(false);
  });

  it('fails when a reader is missing', () => {
    expect(everyReaderOnce(countQueued([body('a', 'b')]), 3)).toBe(false);
  });
});
