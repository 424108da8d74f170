import { describe, expect, it } from 'vitest';
import { importStoredFailures } from '../../../bench/checks.ts';
import { expectedOutcomes } from '../../../bench/import-file.ts';

// 2,000 generated rows: 1,878 confirmed, 100 suppressed, 20 re-permission, 2 problems (bench/import-file.ts).
const expected = expectedOutcomes(2000);
const total = (kind: string) => Object.values(expected[kind] ?? {}).reduce((a, b) => a + b, 0);
const readers: Record<string, number> = {};
for (const [lang, n] of Object.entries(expected.confirmed ?? {})) readers[`confirmed#${lang}`] = n;
for (const [lang, n] of Object.entries(expected.repermission ?? {})) readers[`pending#${lang}`] = n;
const stored = total('confirmed') + total('suppressed') + total('repermission');
const right = {
  expected,
  outcomes: structuredClone(expected),
  scan: {
    readers,
    suppressions: total('suppressed'),
    marks: { confirmed: total('confirmed'), suppressed: total('suppressed'), repermission: total('repermission') },
    markedReaders: stored,
    steps: total('repermission'),
    steppedReaders: total('repermission'),
    clear: 0,
  },
};

describe("the bench's import check", () => {
  it('passes when every row is stored once with its outcome', () => {
    expect([total('confirmed'), total('suppressed'), total('repermission'), total('problem')]).toEqual([
      1878, 100, 20, 2,
    ]);
    expect(importStoredFailures(right)).toEqual([]);
  });

  it('fails on a row stored twice, a step mailed twice, a missing suppression, an address in clear, a wrong tally', () => {
    const wrong = (scan: Partial<typeof right.scan>, outcomes = right.outcomes) =>
      importStoredFailures({ ...right, outcomes, scan: { ...right.scan, ...scan } });
    expect(wrong({ marks: { ...right.scan.marks, confirmed: total('confirmed') + 1 } })).toHaveLength(1);
    expect(wrong({ markedReaders: stored - 1 })).toHaveLength(1);
    expect(wrong({ steps: total('repermission') + 1 })).toHaveLength(1);
    expect(wrong({ suppressions: total('suppressed') - 1 })).toHaveLength(1);
    expect(wrong({ clear: 1 })).toEqual(['items with an address in clear: 1, expected 0']);
    expect(wrong({ readers: { ...readers, 'confirmed#en': 1 } })).toHaveLength(1);
    expect(wrong({}, { ...expected, problem: { none: 3 } })).toHaveLength(1);
  });
});
