/**
 * Readers a dry run carries at most: 13 bytes each, about 23 characters once packed and sealed, so 3.5 MB of carry
 * at most; with a 1 MiB chunk (1.4 MB of base64) the request stays under Lambda's 6 MB payload, and so does the answer.
 */
export const MAX_SEEN_READERS = 150_000;
/** A reader id's first 12 characters (9 bytes, 72 bits of its keyed hash: no collision among a file's readers). */
const PREFIX = 12;
const ENTRY = 13;

/**
 * The readers a dry run in chunks decided so far and the line of each, by keyed id (never an address): what a real
 * run's row marks tell it, so a dry run sees an address repeated in a later chunk. Packed into the dry run's carry.
 */
export class SeenReaders {
  private readonly lines = new Map<string, number>();

  /** The line the reader `id` was first decided at, if it was. */
  lineOf(id: string): number | undefined {
    return this.lines.get(id.slice(0, PREFIX));
  }

  /** Records the reader `id` at `line` (past MAX_SEEN_READERS readers, later ones are not recorded). */
  add(id: string, line: number): void {
    const key = id.slice(0, PREFIX);
    if (this.lines.size < MAX_SEEN_READERS && !this.lines.has(key)) this.lines.set(key, line);
  }

  /** The readers as base64: per reader 9 bytes of id and the line (uint32). */
  pack(): string {
    const out = Buffer.alloc(this.lines.size * ENTRY);
    let at = 0;
    for (const [key, line] of this.lines) {
      out.write(key, at, 'base64url');
      out.writeUInt32BE(line, at + 9);
      at += ENTRY;
    }
    return out.toString('base64');
  }

  static unpack(packed: string | undefined): SeenReaders {
    const seen = new SeenReaders();
    const bytes = Buffer.from(packed ?? '', 'base64');
    for (let at = 0; at + ENTRY <= bytes.length; at += ENTRY)
      seen.lines.set(bytes.subarray(at, at + 9).toString('base64url'), bytes.readUInt32BE(at + 9));
    return seen;
  }
}
