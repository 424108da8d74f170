import { beforeAll, describe, expect, it } from 'vitest';
import { editionAt, nextEdition, previousEdition } from '../../../functions/core/edition.ts';
import { createSendContext } from '../../../functions/wiring/send.ts';
import { fixtureEdition } from '../../support/cli.ts';
import { editorsOf } from '../../support/editors.ts';
import { afterSend, tableSnapshot, useLocalStack } from '../../support/local.ts';
import { readers, seedReaders } from '../../support/seed.ts';

// Issue 22 item 3 ("Editions"): GET /admin/editions on the local stack, weeks relative to today's.
const stack = useLocalStack();
const { run, api } = editorsOf(stack);
const back = (edition: string, n: number): string => (n === 0 ? edition : back(previousEdition(edition), n - 1));
const current = editionAt(Date.now(), 'Europe/Minsk');
const NEXT = nextEdition(current);
const SENT = back(current, 1);
const HELD = back(current, 2);
const LONG_AGO = back(current, 30);

interface Listed {
  edition: string;
  status: string;
  held: boolean;
  languages: Record<string, { planned: number; sent: number }>;
}

beforeAll(async () => {
  await seedReaders(await createSendContext(stack.current.env), readers('editions', 3, 'confirmed'));
  for (const edition of [NEXT, SENT, LONG_AGO]) expect((await run('import', fixtureEdition(edition))).code).toBe(0);
  expect((await run('import', fixtureEdition(current, ['en']))).code).toBe(0);
  expect((await run('send', '--edition', SENT, '--yes')).code).toBe(0);
  expect((await api('PUT', `/admin/editions/${HELD}/hold`)).status).toBe(200);
  // The delayed completion check writes the sent edition's summary after `send` returns.
  await afterSend(stack.current, SENT);
});

describe('GET /admin/editions', () => {
  it('lists the editions that have items, started or are held, newest first, with status, hold and counts', async () => {
    const res = await api('GET', '/admin/editions');
    expect(res.status).toBe(200);
    const { editions } = (await res.json()) as { editions: Listed[] };
    expect(editions.map((e) => [e.edition, e.status, e.held])).toEqual([
      [NEXT, 'not-started', false],
      [current, 'not-started', false],
      [SENT, 'dispatched', false],
      [HELD, 'not-started', true],
    ]);
    const sent = editions.find((e) => e.edition === SENT);
    for (const language of ['en', 'be', 'ru']) expect(sent?.languages[language]).toMatchObject({ planned: 1, sent: 1 });
  });

  it('reads the same report as GET /admin/editions/{edition}', async () => {
    const { editions } = (await (await api('GET', '/admin/editions')).json()) as { editions: Listed[] };
    const one = await (await api('GET', `/admin/editions/${SENT}`)).json();
    expect(editions.find((e) => e.edition === SENT)).toEqual(one);
  });

  it('writes nothing', async () => {
    const before = await tableSnapshot(stack.current);
    expect((await api('GET', '/admin/editions')).status).toBe(200);
    expect(await tableSnapshot(stack.current)).toBe(before);
  });
});
