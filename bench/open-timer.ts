import { AesGcmAddressCipher } from '../functions/adapters/crypto/address-cipher.ts';

/** Time spent opening sealed addresses, and how many were opened, since the last `take()`. */
export interface OpenTimer {
  take(): { ms: number; opens: number };
  restore(): void;
}

/**
 * Times every `AesGcmAddressCipher.open` in this process (the pipeline's and the floor's ciphers alike) where it
 * runs: it is synchronous, so its time is time the send's one JavaScript thread spends on it and on nothing else.
 */
export function timeOpens(): OpenTimer {
  const proto = AesGcmAddressCipher.prototype;
  const original = proto.open;
  let ms = 0;
  let opens = 0;
  proto.open = function timed(this: AesGcmAddressCipher, ...args: Parameters<typeof original>) {
    const start = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      ms += performance.now() - start;
      opens++;
    }
  };
  return {
    take() {
      const taken = { ms, opens };
      ms = 0;
      opens = 0;
      return taken;
    },
    restore() {
      proto.open = original;
    },
  };
}
