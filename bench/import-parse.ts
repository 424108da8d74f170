import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse';
import { importRows } from '../functions/core/import/index.ts';
import type { Row } from './table.ts';

/** Reading an export into rows (issue 24): importRows on a generated Mailchimp file, against csv-parse alone. */
export interface ImportParseFigure {
  readonly rows: number;
  readonly fileMb: number;
  readonly rowsPerSecond: number;
  readonly floorRowsPerSecond: number;
  /** Largest heap retained over its level before the run, after a full collection every 10,000 rows. */
  readonly peakHeapMb: number;
  readonly peakRssMb: number;
  readonly counted: Record<string, number>;
  readonly expected: Record<string, number>;
}

const HEADER =
  'Email Address,First Name,Last Name,Language,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS\n';
const LANGS = ['English', 'Беларуская', 'Русский'];

/** Row i of the file and what it should become: 1 in 5 without times (re-permission), 1 in 50 with a quoted note. */
function line(i: number): { text: string; kind: string } {
  const asked = i % 5 === 4;
  const time = asked ? '' : '2021-03-01 09:15:00';
  const note = i % 50 === 0 ? '"Met at the fair,\nthen wrote"' : '';
  const text = `reader${i}@example.org,Reader,"Surname, ${i}",${LANGS[i % 3]},2,${time},198.51.100.7,${time},198.51.100.7,,,,,,,,2024-01-01 10:00:00,${i},e${i},${note},"""Readers"""\n`;
  return { text, kind: asked ? 'repermission' : 'confirmed' };
}

/** The file in chunks of about 64 KB, generated as it is read (never whole in memory). */
async function* file(rows: number, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  let parts: string[] = [HEADER];
  let size = HEADER.length;
  for (let i = 0; i < rows; i++) {
    const { text } = line(i);
    parts.push(text);
    size += text.length;
    if (size >= 1 << 16) {
      const chunk = Buffer.from(parts.join(''));
      onBytes(chunk.length);
      yield chunk;
      parts = [];
      size = 0;
    }
  }
  const chunk = Buffer.from(parts.join(''));
  onBytes(chunk.length);
  yield chunk;
}

export async function benchImportParse(opts: { rows: number }): Promise<ImportParseFigure> {
  const expected: Record<string, number> = {};
  for (let i = 0; i < opts.rows; i++) expected[line(i).kind] = (expected[line(i).kind] ?? 0) + 1;

  // Floor: the same bytes through csv-parse alone (records counted, nothing decided).
  let floorRows = 0;
  const floorStart = performance.now();
  const parser = parse({ relax_column_count: true });
  const feeding = (async () => {
    for await (const chunk of file(opts.rows, () => {})) {
      if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
    }
    parser.end();
  })();
  for await (const _ of parser) floorRows++;
  await feeding;
  const floorSeconds = (performance.now() - floorStart) / 1000;

  // A full collection before each sample, so the figure is what the parse holds, not garbage not yet collected.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = 0;
  let peakRss = 0;
  let bytes = 0;
  const counted: Record<string, number> = {};
  let n = 0;
  let gcSeconds = 0;
  const start = performance.now();
  for await (const row of importRows(
    file(opts.rows, (b) => (bytes += b)),
    { fileName: 'bench.csv' },
  )) {
    counted[row.kind] = (counted[row.kind] ?? 0) + 1;
    if (++n % 10_000 === 0) {
      const t = performance.now();
      gc();
      gcSeconds += (performance.now() - t) / 1000;
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed - heapBefore);
      peakRss = Math.max(peakRss, m.rss);
    }
  }
  const seconds = (performance.now() - start) / 1000 - gcSeconds;
  return {
    rows: n,
    fileMb: bytes / 1e6,
    rowsPerSecond: n / seconds,
    floorRowsPerSecond: (floorRows - 1) / floorSeconds,
    peakHeapMb: peakHeap / 1e6,
    peakRssMb: peakRss / 1e6,
    counted,
    expected,
  };
}

/** Figure 9: rows per second and memory of importRows (report only), and a check of what the rows became. */
export function importParseRows(f: ImportParseFigure): Row[] {
  const figure = '9 import parse';
  const same = JSON.stringify(Object.entries(f.counted).sort()) === JSON.stringify(Object.entries(f.expected).sort());
  return [
    {
      figure,
      measure: `importRows, ${f.rows} Mailchimp rows (${f.fileMb.toFixed(1)} MB), rows/s`,
      subject: Math.round(f.rowsPerSecond).toLocaleString('en'),
      floor: `${Math.round(f.floorRowsPerSecond).toLocaleString('en')} (csv-parse alone)`,
      ratio: (f.floorRowsPerSecond / f.rowsPerSecond).toFixed(1),
      target: '',
    },
    {
      figure,
      measure: 'importRows heap retained at peak (the duplicate check: one key per mailbox) / process RSS',
      subject: `${f.peakHeapMb.toFixed(1)} MB / ${f.peakRssMb.toFixed(0)} MB`,
      floor: `file ${f.fileMb.toFixed(1)} MB`,
      ratio: '',
      target: '',
    },
    {
      figure,
      measure: 'rows per outcome as generated',
      subject: JSON.stringify(f.counted),
      floor: JSON.stringify(f.expected),
      ratio: '',
      target: 'equal',
      ok: same,
      check: true,
    },
  ];
}
