import { DynamoRepermissionQueue } from '../adapters/dynamo/repermission-queue.ts';
import type { RepermissionDeps } from '../app/import-list/repermission.ts';
import { createAddressCipher } from './address-cipher.ts';
import { createMailer } from './mailer.ts';
import { createSendContext } from './send.ts';

/**
 * The scheduled re-permission run's dependencies, once per cold start: the readers, the steps' queue, the mailer
 * (paced within the digest's share of the account's rate, as the import requests' steps) and the address cipher
 * (the e-mails go to the sealed addresses).
 */
export async function createRepermissionDeps(env: Record<string, string | undefined> = process.env) {
  const ctx = await createSendContext(env);
  const { config } = ctx;
  const deps: RepermissionDeps = {
    store: ctx.subscribers,
    queue: new DynamoRepermissionQueue(ctx.db, config.TABLE_NAME),
    mailer: createMailer(config, { perSecond: config.DELIVER_SEND_RATE ?? 10 }),
    cipher: await createAddressCipher(ctx.secrets, config),
    ring: ctx.secrets.ring,
    idKey: ctx.secrets.idKey,
    publicUrl: config.PUBLIC_URL,
    now: Date.now,
    log: ctx.log,
  };
  return { deps, log: ctx.log };
}
