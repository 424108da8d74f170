import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/adapters/dynamo/keys.ts';
import type { Language } from '../functions/core/language.ts';
import type { RenderedEmail } from '../functions/core/rendered-email.ts';
import { bareCheckpoint, sendingPage } from './floor-dispatch.ts';

/** What the floor needs: the same document client, table, shape of the e-mails and concurrency as the pipeline. */
export interface FloorInput {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  readonly from: string;
  readonly shards: number;
  readonly batchSize: number;
  readonly concurrency: number;
  /** One already personalised e-mail per language: the floor sends the same bytes without rendering anything. */
  readonly mails: ReadonlyMap<Language, RenderedEmail & { url: string }>;
  readonly run: string;
  /** Opens a reader's sealed address (the pipeline's own address cipher): the send cannot mail without it. */
  readonly open: (sealed: string, subscriberId: string) => string;
}

/** How many operations the floor made, by kind. */
export interface FloorOps {
  query: number;
  get: number;
  put: number;
  update: number;
  sendEmail: number;
}

/**
 * The send's floor: the operations a once-only, resumable send cannot do without, made bare with the same SDK clients
 * at the same concurrency: per page of the sparse index one Query and one checkpoint UpdateItem; per recipient one
 * conditional claim on the reader's own item that holds only while the reader is confirmed and answers the reader
 * (whoever left meanwhile is not mailed: issue 11 item 3; no read: issue 25 item 4), opening its sealed address, one
 * SendEmail and one conditional put of the delivery record;
 * per edition the send record and the rendered digests. No rendering, personalising, validation or logging.
 */
export async function floorSend(input: FloorInput): Promise<{ sent: number; ops: FloorOps }> {
  const { db, table } = input;
  const ses = new SESv2Client({ maxAttempts: 1 });
  const ops: FloorOps = { query: 0, get: 0, put: 0, update: 0, sendEmail: 0 };
  const sendKey = keys.send(input.run);
  await db.send(
    new PutCommand({
      TableName: table,
      Item: { ...sendKey, owner: 'floor' },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  ops.put++;
  for (const [language, mail] of input.mails) {
    await db.send(new PutCommand({ TableName: table, Item: { pk: sendKey.pk, sk: `RENDER#${language}`, ...mail } }));
    ops.put++;
  }
  const ready: { language: Language; ids: string[] }[] = [];
  let producing = true;
  const waiting: (() => void)[] = [];
  let sent = 0;

  const deliver = async (batch: { language: Language; ids: string[] }) => {
    const mail = input.mails.get(batch.language) as RenderedEmail & { url: string };
    for (const id of batch.ids) {
      // The claim on the reader's own item: conditioned on it being confirmed, it answers the reader (its address).
      const reader = await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.subscriber(id),
          UpdateExpression: 'SET #c = :claim',
          ConditionExpression: '#s = :confirmed AND attribute_not_exists(#c)',
          ExpressionAttributeNames: { '#s': 'status', '#c': `claim#${input.run}` },
          ExpressionAttributeValues: { ':confirmed': 'confirmed', ':claim': { at: Date.now() } },
          ReturnValues: 'ALL_NEW',
        }),
      );
      ops.update++;
      const out = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: input.from,
          Destination: { ToAddresses: [input.open(reader.Attributes?.address as string, id)] },
          EmailTags: [
            { Name: 'edition', Value: input.run },
            { Name: 'subscriber', Value: id },
            { Name: 'kind', Value: 'digest' },
          ],
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: mail.html, Charset: 'UTF-8' }, Text: { Data: mail.text, Charset: 'UTF-8' } },
              Headers: [
                { Name: 'List-Unsubscribe', Value: `<${mail.url}>` },
                { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
                { Name: 'List-Id', Value: '<weekly.newsletter.example>' },
              ],
            },
          },
        }),
      );
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { ...keys.delivery(input.run, id, input.shards), status: 'sent', messageId: out.MessageId ?? '' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      ops.put++;
      ops.sendEmail++;
      sent++;
    }
  };

  const worker = async () => {
    for (;;) {
      const batch = ready.shift();
      if (batch) await deliver(batch);
      else if (!producing) return;
      else await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  // Awaited once the pages are read; a worker that fails meanwhile ends the figure with its error (caught here so
  // that it is not an unhandled rejection that kills the whole bench, as it did in CI).
  const workers = Promise.all(Array.from({ length: input.concurrency }, worker));
  workers.catch(() => {});
  const push = (batch: { language: Language; ids: string[] }) => {
    ready.push(batch);
    waiting.shift()?.();
  };
  for (const language of input.mails.keys()) {
    for (let shard = 0; shard < input.shards; shard++) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await sendingPage(db, table, language, shard, input.batchSize, start);
        const ids = page.ids;
        if (ids.length > 0) push({ language, ids });
        start = page.LastEvaluatedKey;
        await bareCheckpoint(db, table, sendKey, `${language}#${shard}:${ids.at(-1) ?? 'done'}`);
        ops.query++;
        ops.update++;
      } while (start);
    }
  }
  producing = false;
  for (const resume of waiting.splice(0)) resume();
  await workers;
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: sendKey,
      UpdateExpression: 'SET done_ = :t',
      ExpressionAttributeValues: { ':t': Date.now() },
    }),
  );
  ops.update++;
  return { sent, ops };
}
