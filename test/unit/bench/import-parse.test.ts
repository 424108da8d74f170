import { describe, expect, it } from 'vitest';
import { benchImportParse, importParseRows } from '../../../bench/import-parse.ts';

describe("the bench's import-parse figure", () => {
  it('reads every generated row as generated (a small run)', async () => {
    const f = await benchImportParse({ rows: 500 });
    expect(f.rows).toBe(500);
    expect(f.counted).toEqual({ confirmed: 400, repermission: 100 });
    expect(importParseRows(f).find((r) => r.check)?.ok).toBe(true);
  });

  it('fails its check when the rows came to other outcomes', () => {
    const f = {
      rows: 2,
      fileMb: 0,
      rowsPerSecond: 1,
      floorRowsPerSecond: 1,
      peakHeapMb: 0,
      peakRssMb: 0,
      counted: { confirmed: 2 },
      expected: { confirmed: 1, repermission: 1 },
    };
    expect(importParseRows(f).find((r) => r.check)?.ok).toBe(false);
  });
});
