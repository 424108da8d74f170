// Which part of the catalogues a message key belongs to. templates/build.ts writes each part of every catalogue to
// templates/compiled/messages/<part>.json; a module that names keys imports the parts it names (templates/messages.ts
// `use`), so a function's bundle carries only the text its code can show (issue 25).

/** Namespaces large enough to split by their second segment (`page.confirm.title` is in part `page.confirm`). */
const SPLIT = new Set(['page', 'email', 'home']);

/**
 * The part of `key`: its first segment (`brand`, `digest.title` → `digest`), or its first two for a key of three or
 * more segments under `page`, `email` or `home` (`email.confirm.expires.one` → `email.confirm`).
 */
export function partOf(key: string): string {
  const segments = key.split('.');
  return SPLIT.has(segments[0] as string) && segments.length >= 3
    ? `${segments[0]}.${segments[1]}`
    : (segments[0] as string);
}
