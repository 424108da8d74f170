import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoConsentRecords } from '../../functions/adapters/dynamo/consent-records.ts';
import { trimConsent } from '../../functions/app/migrate-consent.ts';
import type { ConsentRecords } from '../../functions/app/ports/consent-records.ts';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { LANGUAGES, type Language } from '../../functions/core/language.ts';
import { createAddressCipher } from '../../functions/wiring/address-cipher.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { tableItems } from '../support/local.ts';
import { MemoryLog } from '../support/memory/log.ts';
import { CONSENT_TRIMMING, useStackBehindMigrationWatch } from '../support/migration-watch-proxy.ts';
import { mailsPerRecipient, migrateTwiceDuringWatchedSend, putOldReaders } from '../support/old-subscribers.ts';

const watched = useStackBehindMigrationWatch(CONSENT_TRIMMING);
const stack = watched.stack;
/** Readers stored as before the trimming: a user agent and a hash of the whole client address, twice each. */
const N = 60;
const address = (i: number) => `old.consent${i}@trim.example`;
const AGENT = 'Mozilla/5.0 (Old Device; Build/XYZ)';
const KEPT = ['confirmation', 'confirmedAt', 'language', 'requestId', 'requestedAt', 'source', 'textVersion'];
let ctx: Awaited<ReturnType<typeof createSendContext>>;

async function putOldRecords(from: number, to: number): Promise<void> {
  const cipher = await createAddressCipher(ctx.secrets, ctx.config);
  const now = Date.now();
  const readers = Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    const id = subscriberIdFor(ctx.secrets.idKey, address(i));
    const language = LANGUAGES[i % LANGUAGES.length] as Language;
    const consent = {
      ...{ requestedAt: now, confirmedAt: now, language, ipHash: 'whole-address-hash', userAgent: AGENT },
      ...{
        source: 'https://site.example/',
        textVersion: 'v0',
        requestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      },
      confirmation: { at: now, ipHash: 'whole-address-hash-2', userAgent: `${AGENT} confirming` },
    };
    return { id, language, fields: { address: cipher.seal(address(i), id), consent } };
  });
  await putOldReaders(ctx, readers, now);
}

const subscribers = async () => (await tableItems(stack.current)).filter((i) => i.kind === 'subscriber');

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  await putOldRecords(0, N);
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W48'))).code).toBe(0);
});

describe('newsletter migrate trim-consent', () => {
  it('drops every stored user agent and address hash, run twice during a send; a third run changes nothing', async () => {
    expect(JSON.stringify(await subscribers())).toContain(AGENT);
    // The send and two runs of the migration at once (started once the send read an old record; the send's reads
    // wait until a reader it has not read yet is trimmed); then a third run finds nothing left to do.
    const { watch } = watched;
    for (const run of (await migrateTwiceDuringWatchedSend(stack.current, watch, 'trim-consent', '2026-W48')).runs)
      expect(run.out).toMatch(/scanned \d+, trimmed \d+/);
    // The migration really met the send: the send read old and trimmed records, and a trim came before its end.
    expect([...new Set(watch.reads.map((r) => r.form))].sort()).toEqual(['old', 'trimmed']);
    expect(watch.writes[0]?.afterReads).toBeLessThan(watch.reads.length);
    const count = (form: string) => watch.reads.filter((r) => r.form === form).length;
    console.info(`[trim-consent ${N}] the send read ${count('old')} old, ${count('trimmed')} trimmed`);
    const before = JSON.stringify(await subscribers());
    const again = await cli(stack.current.env, 'migrate', 'trim-consent');
    expect(again).toMatchObject({ code: 0 });
    expect(again.out).toMatch(/^scanned \d+, trimmed 0$/);
    // The no-op run wrote nothing.
    expect(JSON.stringify(await subscribers())).toBe(before);

    const per = await mailsPerRecipient(stack.current);
    for (let i = 0; i < N; i++) expect(per.get(address(i)), address(i)).toBe(1);

    const stored = await subscribers();
    expect(stored).toHaveLength(N);
    for (const s of stored) {
      const consent = s.consent as Record<string, unknown>;
      expect(Object.keys(consent).sort(), String(s.id)).toEqual(KEPT);
      expect(consent.confirmation).toEqual({ at: consent.confirmedAt });
      // Stored at version 1; the send's claim of the one edition moved it on once, the trimming not at all.
      expect(Object.keys(s).filter((k) => k.startsWith('claim#'))).toEqual(['claim#2026-W48']);
      expect(s.version, 'the trimming does not bump the version').toBe(2);
    }
    const all = JSON.stringify(await tableItems(stack.current));
    for (const trace of ['Old Device', 'userAgent', 'ipHash', 'whole-address-hash'])
      expect(all, trace).not.toContain(trace);
  });

  it('resumes from its checkpoint after a run stopped halfway', async () => {
    await putOldRecords(N, N + 10);
    const records = new DynamoConsentRecords(ctx.db, ctx.config.TABLE_NAME);
    let writes = 0;
    // The operator's run dies at its 6th write (after whole pages were checkpointed).
    const dying: ConsentRecords = {
      page: (cursor, limit) => records.page(cursor, limit),
      checkpoint: () => records.checkpoint(),
      saveCheckpoint: (cursor) => records.saveCheckpoint(cursor),
      replace: async (id, version, consent) => {
        if (++writes === 6) throw new Error('killed');
        return records.replace(id, version, consent);
      },
    };
    await expect(trimConsent({ records: dying, log: new MemoryLog(), pageSize: 5 })).rejects.toThrow('killed');
    expect(await records.checkpoint()).toBeDefined();
    const run = await trimConsent({ records, log: new MemoryLog(), pageSize: 5 });
    expect(run).toMatchObject({ resumed: true, trimmed: 5, changed: 0 });
    expect(run.scanned).toBeLessThan(N + 10);
    expect(await records.checkpoint()).toBeUndefined();
    expect(JSON.stringify(await subscribers())).not.toContain('Old Device');
  });
});
