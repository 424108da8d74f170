import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RenderStore } from '../../app/ports/render-store.ts';
import type { Language } from '../../core/language.ts';
import type { RenderedEmail } from '../../core/rendered-email.ts';
import { isConditionFailure } from './client.ts';
import { keys } from './keys.ts';

const NEW_RENDER = 'attribute_not_exists(pk)';

/** An edition's rendered digests, one item per language next to the send record; written once. */
export class DynamoRenderStore implements RenderStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a language's rendered digest unless one is stored already; returns the stored one. */
  async put(edition: string, language: Language, rendered: RenderedEmail): Promise<RenderedEmail> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.render(edition, language), ...rendered },
          ConditionExpression: NEW_RENDER,
        }),
      );
      return rendered;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return (await this.get(edition, language)) ?? rendered;
    }
  }

  /** Reads a language's rendered digest. */
  async get(edition: string, language: Language): Promise<RenderedEmail | undefined> {
    const out = await this.db.send(
      // Strongly consistent: a deliverer may run milliseconds after dispatch stored the render.
      new GetCommand({ TableName: this.tableName, Key: keys.render(edition, language), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { subject, html, text } = out.Item as RenderedEmail;
    return { subject, html, text };
  }
}
