import type { RenderStore } from '../../../functions/app/ports/render-store.ts';
import type { Language } from '../../../functions/core/language.ts';
import type { RenderedEmail } from '../../../functions/core/rendered-email.ts';

/** Rendered digests in a Map; the first one stored for an edition and language stays. */
export class MemoryRenderStore implements RenderStore {
  readonly items = new Map<string, RenderedEmail>();

  /** Stores unless stored already; returns the stored one. */
  async put(edition: string, language: Language, rendered: RenderedEmail): Promise<RenderedEmail> {
    const key = `${edition}#${language}`;
    if (!this.items.has(key)) this.items.set(key, { ...rendered });
    return { ...(this.items.get(key) as RenderedEmail) };
  }

  /** The stored digest, or undefined. */
  async get(edition: string, language: Language): Promise<RenderedEmail | undefined> {
    const found = this.items.get(`${edition}#${language}`);
    return found ? { ...found } : undefined;
  }
}
