import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PreviewMarkState, PreviewMarks } from '../../app/ports/preview-marks.ts';
import { anyOf, type Condition, IS_NEW, putIf } from './conditional-write.ts';
import { keys } from './keys.ts';
import { TABLE } from './table.ts';

// The marks matter until the edition is long sent: 400 days, as its delivery records.
const LIFETIME_S = 400 * 86_400;
/** A mark given back after SES certainly refused the preview: free to take again. */
const RELEASED: Condition = {
  expression: '#state = :released',
  names: { '#state': 'state' },
  values: { ':released': 'released' },
};

/**
 * The editors' preview marks, next to the edition's send record: `SEND#<edition>` / `PREVIEW#<stage>#<editor>`. A
 * claim is a conditional put (putIf): one winner however often prepare runs, and a claim whose answer was lost is
 * still its own (the re-read finds its attempt id). Every write is a PutItem (a release is a `released` state, not a
 * delete), so the prepare function keeps its GetItem and PutItem rights only.
 */
export class DynamoPreviewMarks implements PreviewMarks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(edition: string, stage: string, editorId: string, now: number): Promise<boolean> {
    const item = this.item(edition, stage, editorId, 'sending', now);
    return (await putIf(this.db, this.tableName, item, anyOf(IS_NEW, RELEASED))).written;
  }

  async settle(edition: string, stage: string, editorId: string, state: 'sent' | 'uncertain'): Promise<void> {
    await this.put(this.item(edition, stage, editorId, state, Date.now()));
  }

  async release(edition: string, stage: string, editorId: string): Promise<void> {
    await this.put(this.item(edition, stage, editorId, 'released', Date.now()));
  }

  async state(edition: string, stage: string, editorId: string): Promise<PreviewMarkState | undefined> {
    const key = keys.previewMark(edition, stage, editorId);
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    const state = out.Item?.state as PreviewMarkState | 'released' | undefined;
    return state === 'released' ? undefined : state;
  }

  private item(edition: string, stage: string, editorId: string, state: string, now: number) {
    return {
      ...keys.previewMark(edition, stage, editorId),
      kind: 'preview-mark',
      state,
      at: now,
      [TABLE.ttlAttribute]: Math.ceil(now / 1000) + LIFETIME_S,
    };
  }

  private async put(item: Record<string, unknown>): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }
}
