import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCommentaries } from '../../functions/app/import-commentaries.ts';
import { editionAt } from '../../functions/core/edition.ts';
import { hashClientAddress, subscriberIdFor } from '../../functions/core/identity.ts';
import type { Language } from '../../functions/core/language.ts';
import type { Status, Subscription } from '../../functions/core/subscription.ts';
import { createAddressCipher } from '../../functions/wiring/address-cipher.ts';
import type { createSendContext } from '../../functions/wiring/send.ts';
import { aSubscription } from './subscriptions.ts';

type Ctx = Awaited<ReturnType<typeof createSendContext>>;

/** A reader to put straight into the table. */
export interface SeedReader {
  readonly email: string;
  readonly language: Language;
  readonly status: Status;
}

/** `n` readers named `<prefix><i>@example.org`, languages in turn, all with the given status. */
export function readers(
  prefix: string,
  n: number,
  status: Status,
  languages: Language[] = ['en', 'be', 'ru'],
): SeedReader[] {
  return Array.from({ length: n }, (_, i) => ({
    email: `${prefix}${i}@example.org`,
    language: languages[i % languages.length] as Language,
    status,
  }));
}

/** Writes readers through the real repository (so the sparse index is set as in production), 50 at a time. */
export async function seedReaders(
  ctx: Ctx,
  list: SeedReader[],
  now = Date.now(),
  options: { markWeeks?: boolean } = {},
): Promise<Subscription[]> {
  const stored: Subscription[] = [];
  // The stack's own cipher, as the confirmation mailer would have sealed them.
  const cipher = await createAddressCipher(ctx.secrets, ctx.config);
  for (let i = 0; i < list.length; i += 50) {
    const chunk = list.slice(i, i + 50).map((r) => {
      const id = subscriberIdFor(ctx.secrets.idKey, r.email.toLowerCase());
      const networkHash = hashClientAddress(ctx.secrets.idKey, '192.0.2.0/24');
      return ctx.subscribers.save(
        aSubscription(
          { id, address: cipher.seal(r.email, id), language: r.language, status: r.status },
          now,
          networkHash,
        ),
      );
    });
    stored.push(...(await Promise.all(chunk)));
  }
  // What confirm would also have written: the reader in the week's set of confirmations (the report's counts).
  if (options.markWeeks)
    for (const sub of stored)
      if (sub.confirmedAt !== undefined)
        await ctx.readerWeeks.mark(editionAt(sub.confirmedAt, ctx.settings.timeZone), sub.id, 'confirmed', now);
  return stored;
}

/** Imports the fixture commentaries of 2026-W48 (en, be, ru) through the real repository. */
export async function importFixtureCommentaries(ctx: Ctx): Promise<void> {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'commentaries', '2026-W48');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
  const { problems } = await importCommentaries(ctx.commentaries, files);
  if (problems.length > 0) throw new Error(`the fixtures do not import: ${JSON.stringify(problems)}`);
}
