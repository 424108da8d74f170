/**
 * Cutting an uploaded file's chunks at record boundaries. A chunk may end in the middle of a record (even inside a
 * quoted field with line breaks): the whole records are imported now, the rest waits for the next chunk. Works on the
 * bytes, for UTF-8 and Windows-1251 alike: `"` and line feeds are single bytes in both and never part of another
 * character.
 */

const QUOTE = 0x22;
const LF = 0x0a;

/** The end (exclusive) of the first record, or of the last whole record, of `bytes`: after an LF outside quotes. */
function recordEnds(bytes: Uint8Array): { first: number; last: number } {
  let quoted = false;
  let first = -1;
  let last = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) quoted = !quoted;
    else if (b === LF && !quoted) {
      if (first < 0) first = i + 1;
      last = i + 1;
    }
  }
  return { first, last };
}

/** `bytes` cut after its last whole record: `whole` to import now, `rest` to carry to the next chunk. */
export function splitRecords(bytes: Uint8Array): { whole: Uint8Array; rest: Uint8Array } {
  const { last } = recordEnds(bytes);
  if (last < 0) return { whole: bytes.subarray(0, 0), rest: bytes };
  return { whole: bytes.subarray(0, last), rest: bytes.subarray(last) };
}

/** The file's first record (its header) with its line break, or undefined while it is not whole yet. */
export function headerRecord(bytes: Uint8Array): Uint8Array | undefined {
  const { first } = recordEnds(bytes);
  return first < 0 ? undefined : bytes.subarray(0, first);
}

/** Physical lines in `bytes` (line feeds). */
export function lineBreaks(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === LF) n++;
  return n;
}
