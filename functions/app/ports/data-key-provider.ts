/** One data key in clear, as unwrapped at cold start; `id` is its version, stored beside every ciphertext. */
export interface DataKey {
  readonly id: string;
  readonly key: Uint8Array;
}

/** Unwraps the data keys (newest first: the first seals) once per cold start; never per reader. */
export interface DataKeyProvider {
  unwrap(): Promise<readonly DataKey[]>;
}

/** A data key as the secret stores it: its version and its wrapped bytes (base64url locally, base64 from KMS). */
export interface WrappedDataKey {
  readonly id: string;
  readonly wrapped: string;
  /** Its public X25519 request key (base64url): subscribe seals queued requests to it without the data key. */
  readonly requestKey?: string;
}
