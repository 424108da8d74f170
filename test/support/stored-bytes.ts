import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Some stored bytes and where they came from. */
export interface Stored {
  readonly label: string;
  readonly bytes: Buffer;
}

/**
 * The forms of an address a leak would show: as typed, as stored, in lower and in upper case, its local part alone (so an
 * address cut, URL-encoded or JSON-escaped around its `@` is still found) and base64 / base64url of the whole.
 */
export function addressForms(address: string): string[] {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  // The stored form keeps the local part as typed and lowers the domain.
  const normalised = `${local}@${address.slice(at + 1).toLowerCase()}`;
  const cases = [address, normalised, address.toLowerCase(), address.toUpperCase()];
  const locals = [local, local.toLowerCase(), local.toUpperCase()];
  const encoded = cases.flatMap((a) => [Buffer.from(a).toString('base64'), Buffer.from(a).toString('base64url')]);
  // A base64 of the whole may end in padding or a partial quantum that depends on what follows: the stable prefix.
  const stable = encoded.map((e) => e.replace(/=+$/, '').slice(0, Math.floor(e.replace(/=+$/, '').length / 4) * 4));
  return [...new Set([...cases, ...locals, ...stable])];
}

/** Every file under `dir`, each labelled with its path below `dir`. */
export function filesUnder(dir: string, root = dir): Stored[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, root);
    return entry.isFile() ? [{ label: relative(root, path), bytes: readFileSync(path) }] : [];
  });
}

/** Each occurrence of a needle in the stored bytes, as `label: needle` (byte for byte, UTF-8). */
export function occurrences(stored: readonly Stored[], needles: readonly string[]): string[] {
  return stored.flatMap(({ label, bytes }) =>
    needles.filter((n) => bytes.includes(Buffer.from(n, 'utf8'))).map((n) => `${label}: ${n}`),
  );
}
