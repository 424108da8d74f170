import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportAnswer } from '../functions/core/import-outcome.ts';
import { AdminApi } from '../local/api-client.ts';
import { importStoredFailures } from './checks.ts';
import { startChild } from './child.ts';
import { expectedOutcomes, type GeneratedFile, writeFile } from './import-file.ts';
import type { ImportScan } from './import-scan.ts';
import { fmt } from './rows.ts';
import { interleaved, type PairedRatio, pairedRatio, round, showRatio } from './stats.ts';
import type { Row } from './table.ts';

/** Issue 24/25: a file imported through the editors' API (local runner), chunk by chunk, against bare writes. */
export interface ImportFigure {
  readonly rows: number;
  readonly fileMb: number;
  readonly chunks: number;
  readonly chunkKb: number;
  readonly importMs: number;
  /** The floor's time for all the rows, at the rate it wrote its share of each chunk (floorShare). */
  readonly floorMs: number;
  readonly floorShare: number;
  readonly rowsPerSecond: number;
  readonly floorRowsPerSecond: number;
  /** Per chunk: its requests' time per row over the floor's on the same rows, interleaved (A B B A). */
  readonly spread: PairedRatio;
  readonly ratio: number;
  readonly requests: number;
  /** CPU ms per 1,000 rows: the stand-ins' process (dynalite), the import process, this one (the client). */
  readonly cpuMsPerKRow: Record<'import' | 'floor', { standIns: number; handler: number; client: number }>;
  /** The import process: heap (sampled, not collected) and RSS above its level before, and heap left after each chunk. */
  readonly memory: { peakHeapMb: number; peakRssMb: number; rssMb: number; retainedMb: number[] };
  readonly outcomes: ImportAnswer['outcomes'];
  readonly expected: Record<string, Record<string, number>>;
  readonly scan: ImportScan;
}

type Ready = { apiUrl: string; region: string; accessKeyId: string; secretAccessKey: string };
type Cpu = { user: number; system: number };
type Sample = { ms: number; cpu: number[]; rows: number };
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
type Mem = { baseHeap: number; baseRss: number; peakHeap: number; peakRss: number; retained: number[] };

/** Rows the import applies at once, and so the floor's concurrency (PARALLEL_ROWS in functions/app/import-list/apply-rows.ts). */
const PARALLEL = 25;

/** POSTs chunk `index` of `file` as the CLI does (local/cli-import-upload.ts), again while the answer says so. */
async function sendChunk(api: AdminApi, file: GeneratedFile, index: number, chunkBytes: number, name: string) {
  const handle = await open(file.path, 'r');
  const count = file.chunkRows.length;
  const buffer = Buffer.alloc(Math.min(chunkBytes, file.size - index * chunkBytes));
  await handle.read(buffer, 0, buffer.length, index * chunkBytes);
  await handle.close();
  const body = {
    file: { name, sha256: file.sha256, size: file.size },
    options: {},
    chunk: { index, count, data: buffer.toString('base64') },
  };
  let requests = 0;
  for (;;) {
    requests++;
    const answer = (await api.request('POST', '/admin/subscribers/imports', { body })).json<ImportAnswer>();
    if (!answer.again) return { answer, requests };
  }
}

/** `floorShare`: the share of each chunk's rows the floor writes (its rate is what counts; 1 at the small size). */
export async function benchImport(opts: {
  rows: number;
  chunkBytes: number;
  floorShare: number;
}): Promise<ImportFigure> {
  // BENCH_IMPORT_ROWS: another number of rows (a quick look at a change; the sizes are run.ts's).
  opts = { ...opts, rows: Number(process.env.BENCH_IMPORT_ROWS ?? opts.rows) };
  const standIns = await startChild<{ dynamo: string; ses: string }>('stand-ins-child.ts');
  const child = await startChild<Ready>('import-child.ts', {
    BENCH_DYNAMO: standIns.ready.dynamo,
    BENCH_SES: standIns.ready.ses,
  });
  const { apiUrl, region, accessKeyId, secretAccessKey } = child.ready;
  const api = new AdminApi({ baseUrl: apiUrl, region, credentials: { accessKeyId, secretAccessKey } });
  const tag = randomBytes(4).toString('hex');
  const dir = tmpdir();
  try {
    // Warm-up (not timed): a small file through the same route, and the floor's writes.
    const warm = await writeFile(join(dir, `import-warm-${tag}.csv`), `w${tag}`, 500, opts.chunkBytes);
    for (let k = 0; k < warm.chunkRows.length; k++) await sendChunk(api, warm, k, opts.chunkBytes, 'warm.csv');
    await child.ask({ type: 'floor', tag: `warm${tag}-`, from: 0, to: 500, parallel: PARALLEL });
    await rm(warm.path);

    const file = await writeFile(join(dir, `import-${tag}.csv`), tag, opts.rows, opts.chunkBytes);
    await child.ask({ type: 'mem-start' });
    let requests = 0;
    let last: ImportAnswer | undefined;
    const cpu = async () => {
      const [stand, handler] = await Promise.all([standIns.ask<Cpu>({ type: 'cpu' }), child.ask<Cpu>({ type: 'cpu' })]);
      return [stand, handler, process.cpuUsage()].map((c) => (c.user + c.system) / 1000);
    };
    const sides = await interleaved(file.chunkRows.length, async (side, k): Promise<Sample> => {
      const { from, to } = file.chunkRows[k] as { from: number; to: number };
      const before = await cpu();
      const start = performance.now();
      // The floor writes the first share of the chunk's rows (every outcome in proportion: the mix repeats every 100).
      const until = from + Math.ceil((to - from) * opts.floorShare);
      if (side === 'floor') await child.ask({ type: 'floor', tag: `f${tag}-`, from, to: until, parallel: PARALLEL });
      else {
        const sent = await sendChunk(api, file, k, opts.chunkBytes, 'bench.csv');
        requests += sent.requests;
        last = sent.answer;
      }
      const ms = performance.now() - start;
      const used = (await cpu()).map((c, i) => c - (before[i] as number));
      console.error(`import: chunk ${k + 1}/${file.chunkRows.length} (${to - from} rows) ${side} ${Math.round(ms)} ms`);
      if (side === 'subject') await child.ask({ type: 'mem-retained' });
      return { ms, cpu: used, rows: side === 'floor' ? until - from : to - from };
    });
    // The outcome as the progress route answers it (the last chunk's answer said done already).
    const shown = (await api.request('GET', `/admin/subscribers/imports/${file.sha256}`)).json<ImportAnswer>();
    if (shown.status !== 'done' || last?.status !== 'done') throw new Error('the import did not finish');
    const mem = await child.ask<Mem>({ type: 'mem-take' });
    const scan = await child.ask<ImportScan>({ type: 'scan', sha256: file.sha256, tag });
    await rm(file.path);
    const importMs = sum(sides.subject.map((x) => x.ms));
    // The floor's time for all the rows, from the share it wrote (its rate).
    const floorRows = sum(sides.floor.map((x) => x.rows));
    const floorMs = (sum(sides.floor.map((x) => x.ms)) / floorRows) * opts.rows;
    const spread = pairedRatio(
      sides.subject.map((x) => x.ms / x.rows),
      sides.floor.map((x) => x.ms / x.rows),
    );
    // CPU ms per 1,000 rows by process: what the times are made of, whatever else the machine runs.
    const perKRow = (xs: Sample[]) =>
      [0, 1, 2].map((i) => round((sum(xs.map((x) => x.cpu[i] as number)) / sum(xs.map((x) => x.rows))) * 1000, 0));
    const [standIns1, handler1, client1] = perKRow(sides.subject);
    const [standIns0, handler0, client0] = perKRow(sides.floor);
    return {
      rows: opts.rows,
      fileMb: round(file.size / 1e6, 1),
      chunks: file.chunkRows.length,
      chunkKb: opts.chunkBytes / 1024,
      importMs: round(importMs, 0),
      floorMs: round(floorMs, 0),
      floorShare: opts.floorShare,
      rowsPerSecond: Math.round(opts.rows / (importMs / 1000)),
      floorRowsPerSecond: Math.round(opts.rows / (floorMs / 1000)),
      spread,
      ratio: spread.median,
      requests,
      cpuMsPerKRow: {
        import: { standIns: standIns1 as number, handler: handler1 as number, client: client1 as number },
        floor: { standIns: standIns0 as number, handler: handler0 as number, client: client0 as number },
      },
      memory: {
        peakHeapMb: round((mem.peakHeap - mem.baseHeap) / 1e6, 1),
        peakRssMb: round((mem.peakRss - mem.baseRss) / 1e6, 1),
        rssMb: round(mem.peakRss / 1e6, 0),
        retainedMb: mem.retained.map((b) => round(b / 1e6, 1)),
      },
      outcomes: shown.outcomes,
      expected: expectedOutcomes(opts.rows),
      scan,
    };
  } finally {
    await child.close();
    await standIns.close();
  }
}

/** Figure 10: the import through the API against its floor, rows per second, memory, and what was stored. */
export function importRowsOf(f: ImportFigure): Row[] {
  const figure = `10 import ${f.rows}`;
  const failures = importStoredFailures(f);
  const m = f.memory;
  const retained = m.retainedMb;
  const c = f.cpuMsPerKRow;
  return [
    {
      figure,
      measure: `POST /admin/subscribers/imports, ${f.chunks} chunks of ${f.chunkKb} KiB (${f.fileMb} MB, ${f.requests} requests) vs bare conditional writes${f.floorShare < 1 ? ` (on ${f.floorShare * 100} % of each chunk's rows, scaled)` : ''}, per chunk`,
      subject: fmt(f.importMs / 1000, 's', 1),
      floor: fmt(f.floorMs / 1000, 's', 1),
      ratio: showRatio(f.spread),
      target: '≤ 1.5',
      ok: f.ratio <= 1.5,
      ci: false,
    },
    {
      figure,
      measure: 'rows per second',
      subject: `${f.rowsPerSecond.toLocaleString('en')}/s`,
      floor: `${f.floorRowsPerSecond.toLocaleString('en')}/s`,
      ratio: '',
      target: '',
    },
    {
      figure,
      measure: 'CPU ms per 1,000 rows: stand-ins (dynalite) / import process / client',
      subject: `${c.import.standIns} / ${c.import.handler} / ${c.import.client}`,
      floor: `${c.floor.standIns} / ${c.floor.handler} / ${c.floor.client}`,
      ratio: '',
      target: '',
    },
    {
      figure,
      measure: 'import process: heap / RSS peak over its start; heap left after the first and last chunk',
      subject: `${m.peakHeapMb} / ${m.peakRssMb} MB; ${retained[0]} → ${retained.at(-1)} MB`,
      floor: `file ${f.fileMb} MB`,
      ratio: '',
      target: '',
    },
    {
      figure,
      measure: 'every row stored once with its outcome; no address in clear',
      subject: failures.length ? failures.join('; ') : `${f.scan.items} items scanned, none in clear`,
      floor: '',
      ratio: '',
      target: 'all',
      ok: failures.length === 0,
      check: true,
    },
  ];
}
