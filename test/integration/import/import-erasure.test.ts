import { describe, expect, it } from 'vitest';
import { upload } from '../../support/imports.ts';
import { inbox, linkIn, postForm, readerIdOf, tableItems, useLocalStack } from '../../support/local.ts';
import { signedFetch } from '../../support/signed.ts';

const stack = useLocalStack();

const FILE = Buffer.from(
  [
    'email,language,status,confirmed_at',
    'kept.then.erased@example.org,en,subscribed,2021-03-01 09:20:11',
    'asked.then.erased@example.org,be,,',
    'left.then.erased@example.org,en,unsubscribed,',
  ].join('\n'),
);
const OTHER = Buffer.from(`${FILE.toString()}\nsomeone.else@example.org,en,subscribed,2021-03-01 09:20:11\n`);

/** Every item whose key names the reader's id (the re-permission queue is checked apart: see below). */
async function itemsOf(id: string): Promise<string[]> {
  return (await tableItems(stack.current))
    .filter((i) => String(i.pk).includes(id) || (String(i.sk).includes(id) && i.pk !== 'REPERM'))
    .map((i) => `${i.pk}/${i.sk}`)
    .sort();
}

async function adminErase(email: string): Promise<void> {
  const body = JSON.stringify({ email });
  const res = await signedFetch(stack.current, 'POST', '/admin/subscribers/erase', {
    body,
    contentType: 'application/json',
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe("erasure of an imported reader takes the imports' marks too", () => {
  it('the admin erase and the erase link leave only the markers, whatever imports named the reader', async () => {
    await upload(stack.current, FILE, { name: 'one.csv', options: { format: 'generic' } });
    await upload(stack.current, OTHER, { name: 'two.csv', options: { format: 'generic' } });
    const kept = readerIdOf(stack.current, 'kept.then.erased@example.org');
    const asked = readerIdOf(stack.current, 'asked.then.erased@example.org');
    const left = readerIdOf(stack.current, 'left.then.erased@example.org');
    // Both imports marked each reader (the mark is what makes a rerun apply no row twice).
    expect((await itemsOf(kept)).filter((k) => k.includes('IMPORT#'))).toHaveLength(2);
    expect((await itemsOf(left)).filter((k) => k.includes('IMPORT#'))).toHaveLength(2);

    await adminErase('kept.then.erased@example.org');
    expect(await itemsOf(kept)).toEqual([`SUB#${kept}/ERASED`]);

    // The suppressed reader keeps the import's keyed-hash suppression marker beside the erasure marker.
    await adminErase('left.then.erased@example.org');
    expect(await itemsOf(left)).toEqual([`SUB#${left}/ERASED`, `SUB#${left}/SUPPRESSED`]);

    const [question] = await inbox(stack.current, 'asked.then.erased@example.org');
    const token = new URL(linkIn(question as never, `${stack.current.apiUrl}/erase?token=`)).searchParams.get('token');
    expect((await postForm(stack.current, '/erase?lang=be', { token: token as string })).status).toBe(200);
    expect(await itemsOf(asked)).toEqual([`SUB#${asked}/ERASED`]);
  });
});
