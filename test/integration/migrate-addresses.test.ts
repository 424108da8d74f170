import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AesGcmAddressCipher } from '../../functions/adapters/crypto/address-cipher.ts';
import { DynamoAddressRecords } from '../../functions/adapters/dynamo/address-records.ts';
import { sealAddresses } from '../../functions/app/migrate-addresses.ts';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { LANGUAGES, type Language } from '../../functions/core/language.ts';
import type { SealedAddress } from '../../functions/core/sealed-address.ts';
import { dataKeyProvider } from '../../functions/wiring/address-cipher.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { tableItems } from '../support/local.ts';
import { MemoryLog } from '../support/memory/log.ts';
import { SEALING, useStackBehindMigrationWatch } from '../support/migration-watch-proxy.ts';
import { mailsPerRecipient, migrateTwiceDuringWatchedSend, putOldReaders } from '../support/old-subscribers.ts';

const watched = useStackBehindMigrationWatch(SEALING);
const stack = watched.stack;
/**
 * Readers stored in clear, as before sealing: 300 keep the suite quick; issue 21's 10,000 with
 * `MIGRATE_READERS=10000 npx vitest run test/integration/migrate-addresses.test.ts` (docs/privacy.md has its figures).
 */
const N = z.coerce
  .number()
  .int()
  .positive()
  .parse(process.env.MIGRATE_READERS ?? 300);
/** Only a bound for a hang, never a guess at the machine's speed: the default up to 1,500 readers, more above. */
const LIMIT = { timeout: Math.max(300_000, N * 200) };
const address = (i: number) => `Clear.Reader${i}@Migrate.example`;
let ctx: Awaited<ReturnType<typeof createSendContext>>;

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  const now = Date.now();
  await putOldReaders(
    ctx,
    Array.from({ length: N }, (_, i) => {
      const id = subscriberIdFor(ctx.secrets.idKey, address(i).toLowerCase());
      const language = LANGUAGES[i % LANGUAGES.length] as Language;
      const consent = {
        requestedAt: now,
        confirmedAt: now,
        language,
        networkHash: 'h',
        source: 'x',
        textVersion: 'v0',
      };
      return { id, language, fields: { email: address(i), consent } };
    }),
    now,
  );
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W48'))).code).toBe(0);
});

describe('newsletter migrate encrypt-addresses', () => {
  it('seals every clear record, run twice during a send, and no delivery is lost or doubled', LIMIT, async () => {
    expect(JSON.stringify(await tableItems(stack.current)).toLowerCase()).toContain('clear.reader7@');
    // The send and two runs of the migration at once (started once the send read a reader in clear; the send's reads
    // wait until a reader it has not read yet is sealed); then a third run seals what changed under the first two.
    const { watch } = watched;
    const met = await migrateTwiceDuringWatchedSend(stack.current, watch, 'encrypt-addresses', '2026-W48');
    const sealedBy = met.runs.map((run) => Number(run.out.match(/scanned \d+, sealed (\d+)/)?.[1]));
    const third = await cli(stack.current.env, 'migrate', 'encrypt-addresses');
    expect(third).toMatchObject({ code: 0 });
    const last = await cli(stack.current.env, 'migrate', 'encrypt-addresses');
    expect(last.out).toMatch(/scanned \d+, sealed 0$/);
    // Every record sealed exactly once, by one of the runs (a run that lost a record to the other counts it changed).
    expect([...sealedBy, Number(third.out.match(/sealed (\d+)/)?.[1])].reduce((a, b) => a + b, 0)).toBe(N);
    // The migration really met the send: the send read readers in clear and sealed, and a seal came before its end.
    const forms = new Set(watch.reads.map((r) => r.form));
    expect([...forms].sort()).toEqual(['clear', 'sealed']);
    expect(watch.writes[0]?.afterReads).toBeLessThan(watch.reads.length);
    console.info(
      `[migrate ${N}] send ${met.sendMs} ms, runs end at ${met.runsMs.join(', ')} ms; sealed ${sealedBy.join(' + ')} + ` +
        `${third.out.match(/sealed (\d+)/)?.[1]} then 0; the send read ${watch.reads.filter((r) => r.form === 'clear').length} ` +
        `clear, ${watch.reads.filter((r) => r.form === 'sealed').length} sealed`,
    );

    const per = await mailsPerRecipient(stack.current);
    for (let i = 0; i < N; i++) expect(per.get(address(i).toLowerCase()), address(i)).toBe(1);
    expect(per.size).toBe(N);

    const items = await tableItems(stack.current);
    const subscribers = items.filter((i) => i.kind === 'subscriber');
    expect(subscribers).toHaveLength(N);
    for (const s of subscribers) {
      expect(s.email, String(s.id)).toBeUndefined();
      expect(String(s.address)).toMatch(/^a1\./);
    }
    // No address in clear anywhere in the table, in any case (one pass over the table, whatever N).
    expect(JSON.stringify(items).match(/clear\.reader\d+@migrate\.example/gi)).toBeNull();
  });

  it('after a data key rotation re-seals every record under the new key; both keys open meanwhile', LIMIT, async () => {
    const old = await dataKeyProvider(ctx.secrets, ctx.config).unwrap();
    const rotated = new AesGcmAddressCipher([{ id: 'd2', key: randomBytes(32) }, ...old]);
    const records = new DynamoAddressRecords(ctx.db, ctx.config.TABLE_NAME);
    const before = (await tableItems(stack.current)).filter((i) => i.kind === 'subscriber');
    for (const s of before.slice(0, 5))
      expect(rotated.open(s.address as SealedAddress, String(s.id)).toLowerCase()).toMatch(/@migrate\.example$/);
    const run = await sealAddresses({ records, cipher: rotated, log: new MemoryLog(), pageSize: 50 });
    expect(run).toMatchObject({ scanned: N, sealed: N, changed: 0 });
    const after = (await tableItems(stack.current)).filter((i) => i.kind === 'subscriber');
    for (const s of after) expect(String(s.address)).toMatch(/^a1\.d2\./);
    expect(rotated.open(after[0]?.address as SealedAddress, String(after[0]?.id))).toMatch(/@Migrate\.example$/);
    expect(await sealAddresses({ records, cipher: rotated, log: new MemoryLog(), pageSize: 50 })).toMatchObject({
      sealed: 0,
    });
  });
});
