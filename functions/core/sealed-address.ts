/**
 * An e-mail address as stored: `a1.<key version>.<base64url(iv | ciphertext | tag)>`, AES-256-GCM, the key version
 * and the holding record's id as associated data; or, on a queued subscribe request, `r1.…` sealed to the data key's
 * request key (adapters/crypto/request-box.ts). Never an address in clear.
 */
export type SealedAddress = string & { readonly __sealed: true };

/** The key version a sealed address names, or undefined when it is not one (for example a clear address). */
export function sealedKeyOf(value: string): string | undefined {
  const match = /^[ar]1\.([A-Za-z0-9_-]{1,16})\.[A-Za-z0-9_-]+$/.exec(value);
  return match?.[1];
}

/** True when `value` is a sealed address (the migration tells clear records by this). */
export function isSealed(value: unknown): value is SealedAddress {
  return typeof value === 'string' && sealedKeyOf(value) !== undefined;
}
