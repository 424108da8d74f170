import type { Language } from '../../core/language.ts';
import type { RenderedEmail } from '../../core/rendered-email.ts';

/** An edition's rendered digests, one per language: dispatch stores them, deliver reads them (DynamoRenders). */

export interface RenderStore {
  /** Stores a language's digest unless one is stored already; returns the stored one. */
  put(edition: string, language: Language, rendered: RenderedEmail): Promise<RenderedEmail>;
  /** A language's digest (strongly consistent), or undefined. */
  get(edition: string, language: Language): Promise<RenderedEmail | undefined>;
}
