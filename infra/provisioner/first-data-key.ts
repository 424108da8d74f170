import { requestKeyPair } from '../../functions/adapters/crypto/request-box.ts';

/** A new data key: its clear bytes (kept only long enough to derive the request key) and its wrapped form. */
export interface MintedDataKey {
  readonly plaintext: Uint8Array;
  readonly wrapped: string;
}

/**
 * The secret's JSON with the data key `id` (`d<N>`) added first, so that it seals from then on while every key
 * already listed still opens; undefined when the secret lists `id` already (a stack update, a retried deployment:
 * a key that sealed stored addresses is never replaced). `mint` makes the key: KMS's GenerateDataKey on AWS. The
 * clear key is used once, to derive the public request key subscribe seals to, then overwritten; only its wrapped
 * form is stored.
 */
export async function withDataKey(
  secretJson: string,
  id: string,
  mint: (id: string) => Promise<MintedDataKey>,
): Promise<string | undefined> {
  const secret = JSON.parse(secretJson) as Record<string, unknown>;
  const listed = Array.isArray(secret.dataKeys) ? (secret.dataKeys as { id?: unknown }[]) : [];
  if (listed.some((k) => k.id === id)) return undefined;
  const { plaintext, wrapped } = await mint(id);
  try {
    const { publicKey } = requestKeyPair(plaintext);
    return JSON.stringify({ ...secret, dataKeys: [{ id, wrapped, requestKey: publicKey }, ...listed] });
  } finally {
    plaintext.fill(0);
  }
}
