import { CsvError, parse } from 'csv-parse';
import type { ImportEncoding } from './types.ts';

/** One CSV record and the physical line (1-based) where it starts. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/** The file cannot be read as CSV from `line` on (an unclosed quote, a record too large). */
export class CsvBroken extends Error {
  constructor(
    readonly line: number,
    readonly code: 'unclosed_quote' | 'record_too_large' | 'broken_csv',
    message: string,
  ) {
    super(message);
  }
}

const CR = 0x0d;
const LF = 0x0a;
const BOM = [0xef, 0xbb, 0xbf];
/** A record longer than this is not a subscriber: the file is not what it claims (or a quote never closes). */
const MAX_RECORD = 64 * 1024;
/** The parser is fed on while no more than this many records wait for the consumer. */
const LOW_WATER = 256;

/** UTF-8 bytes of the file without a leading BOM; Windows-1251 decoded and re-encoded as UTF-8. */
async function* utf8Bytes(chunks: AsyncIterable<Uint8Array>, encoding: ImportEncoding): AsyncGenerator<Buffer> {
  if (encoding === 'windows-1251') {
    const decoder = new TextDecoder('windows-1251');
    for await (const chunk of chunks) yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    const rest = decoder.decode();
    if (rest) yield Buffer.from(rest, 'utf8');
    return;
  }
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (head === undefined) {
      yield Buffer.from(chunk);
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < BOM.length && BOM.slice(0, head.length).every((b, i) => head?.[i] === b)) continue;
    yield BOM.every((b, i) => head?.[i] === b) ? head.subarray(BOM.length) : head;
    head = undefined;
  }
  if (head?.length) yield BOM.every((b, i) => head?.[i] === b) ? head.subarray(BOM.length) : head;
}

/** The delimiter the header line uses most outside quotes: `,` unless `;` (Excel in many locales) or a tab wins. */
function sniffDelimiter(firstLine: Buffer): string {
  const counts = new Map<number, number>([
    [0x2c, 0],
    [0x3b, 0],
    [0x09, 0],
  ]);
  let quoted = false;
  for (const byte of firstLine) {
    if (byte === 0x22) quoted = !quoted;
    else if (!quoted && counts.has(byte)) counts.set(byte, (counts.get(byte) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? String.fromCharCode(best[0]) : ',';
}

/** Counts line breaks (CRLF, LF or a lone CR, each one) in `bytes`. */
function lineBreaks(bytes: Buffer): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LF || (b === CR && bytes[i + 1] !== LF)) n++;
  }
  return n;
}

/**
 * The records of a CSV file, streamed: the parser (csv-parse) sees the bytes as they come, and only the bytes of the
 * record being read are kept, to tell its starting line. Empty lines are skipped; records may differ in length.
 * Throws CsvBroken where the file stops being CSV.
 */
export async function* csvRecords(
  chunks: AsyncIterable<Uint8Array>,
  encoding: ImportEncoding = 'utf-8',
): AsyncGenerator<CsvRecord> {
  const source = utf8Bytes(chunks, encoding)[Symbol.asyncIterator]();
  // The header line decides the delimiter: read until its first line break (or the record limit).
  let first: Buffer = Buffer.alloc(0);
  while (first.indexOf(LF) < 0 && first.indexOf(CR) < 0 && first.length < MAX_RECORD) {
    const next = await source.next();
    if (next.done) break;
    first = Buffer.concat([first, next.value]);
  }
  const delimiter = sniffDelimiter(first.subarray(0, Math.max(first.indexOf(LF), 0) || first.length));
  // The window holds the bytes from the end of the last record on; `windowStart` is its offset in the file.
  let window: Buffer = first;
  let windowStart = 0;
  let line = 1;
  /** Moves past `end` (a file offset): returns the line where the record before it starts. */
  const advance = (end: number): number => {
    const bytes = window.subarray(0, end - windowStart);
    let start = 0;
    while (start < bytes.length && (bytes[start] === CR || bytes[start] === LF)) start++;
    const startLine = line + lineBreaks(bytes.subarray(0, start));
    line = startLine + lineBreaks(bytes.subarray(start));
    window = window.subarray(end - windowStart);
    windowStart = end;
    return startLine;
  };
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD,
    info: true,
  });
  // Records are taken off the parser as it emits them, so those before a broken one are not lost with its stream;
  // the source is read on only while few records wait (the consumer may be slow: it stores each row).
  const ready: { record: string[]; info: { bytes: number } }[] = [];
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  const waitForSignal = () => new Promise<void>((resolve) => (wake = resolve));
  parser.on('data', (r) => {
    ready.push(r);
    signal();
  });
  parser.on('error', (e) => {
    failure = e;
    signal();
  });
  parser.on('end', () => {
    ended = true;
    signal();
  });
  let consumerWaiting: (() => void) | undefined;
  const feeding = (async () => {
    try {
      if (first.length) parser.write(first);
      for (let next = await source.next(); !next.done && failure === undefined; next = await source.next()) {
        window = window.length ? Buffer.concat([window, next.value]) : next.value;
        if (!parser.write(next.value)) {
          await new Promise((resolve) => {
            parser.once('drain', resolve);
            parser.once('close', resolve);
          });
        }
        while (ready.length > LOW_WATER && failure === undefined && !ended) {
          await new Promise<void>((resolve) => (consumerWaiting = resolve));
        }
      }
      if (failure === undefined) parser.end();
    } catch (error) {
      failure ??= error;
      signal();
    }
  })();
  try {
    for (;;) {
      const next = ready.shift();
      if (next) {
        if (ready.length <= LOW_WATER) consumerWaiting?.();
        yield { line: advance(next.info.bytes), fields: next.record };
      } else if (failure !== undefined) {
        if (!(failure instanceof CsvError)) throw failure;
        let i = 0;
        while (i < window.length && (window[i] === CR || window[i] === LF)) i++;
        throw new CsvBroken(line + lineBreaks(window.subarray(0, i)), ...csvProblem(failure));
      } else if (ended) {
        return;
      } else {
        await waitForSignal();
      }
    }
  } finally {
    failure ??= new Error('closed');
    consumerWaiting?.();
    parser.destroy();
    await feeding;
    await source.return?.(undefined);
  }
}

function csvProblem(error: CsvError): [CsvBroken['code'], string] {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED')
    return ['unclosed_quote', 'a quoted field is never closed: the file ends inside it'];
  if (error.code === 'CSV_MAX_RECORD_SIZE')
    return ['record_too_large', `a record is longer than ${MAX_RECORD / 1024} KB: not CSV?`];
  return ['broken_csv', `not readable as CSV (${error.code})`];
}
