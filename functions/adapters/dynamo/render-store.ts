import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { RenderStore } from '../../app/ports/render-store.ts';
import type { Language } from '../../core/language.ts';
import type { RenderedEmail } from '../../core/rendered-email.ts';
import { putIf } from './conditional-write.ts';
import { keys } from './keys.ts';

/** An edition's rendered digests, one item per language next to the send record; written once. */
export class DynamoRenderStore implements RenderStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a language's rendered digest unless one is stored already; returns the stored one. */
  async put(edition: string, language: Language, rendered: RenderedEmail): Promise<RenderedEmail> {
    const outcome = await putIf(this.db, this.tableName, { ...keys.render(edition, language), ...rendered });
    return outcome.written || !outcome.current ? rendered : renderOf(outcome.current);
  }

  /** Reads a language's rendered digest. */
  async get(edition: string, language: Language): Promise<RenderedEmail | undefined> {
    const out = await this.db.send(
      // Strongly consistent: a deliverer may run milliseconds after dispatch stored the render.
      new GetCommand({ TableName: this.tableName, Key: keys.render(edition, language), ConsistentRead: true }),
    );
    return out.Item ? renderOf(out.Item) : undefined;
  }
}

function renderOf(item: Record<string, unknown>): RenderedEmail {
  const { subject, html, text } = item as unknown as RenderedEmail;
  return { subject, html, text };
}
