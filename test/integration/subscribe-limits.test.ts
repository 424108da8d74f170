import { describe, expect, it } from 'vitest';
import {
  confirmByMail,
  inbox,
  postJson,
  readerIdOf,
  tableItems,
  tableSnapshot,
  useLocalStack,
} from '../support/local.ts';

const stack = useLocalStack({ SUBSCRIBE_RATE_LIMIT: '10', SUBSCRIBE_RATE_WINDOW_SECONDS: '600' });

async function answer(res: Response) {
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe('subscribe limits and privacy', () => {
  it('answers the same for a new, pending, confirmed and unsubscribed address', async () => {
    const ip = (n: number) => `192.0.2.${n}`;
    const newAnswer = await answer(
      await postJson(stack.current, '/subscribe', { email: 'same.new@example.org', language: 'en' }, ip(1)),
    );

    await postJson(stack.current, '/subscribe', { email: 'same.pending@example.org', language: 'en' }, ip(2));
    const pendingAnswer = await answer(
      await postJson(stack.current, '/subscribe', { email: 'same.pending@example.org', language: 'en' }, ip(2)),
    );

    await postJson(stack.current, '/subscribe', { email: 'same.confirmed@example.org', language: 'en' }, ip(3));
    const { manageUrl } = await confirmByMail(stack.current, 'same.confirmed@example.org');
    const confirmedAnswer = await answer(
      await postJson(stack.current, '/subscribe', { email: 'same.confirmed@example.org', language: 'en' }, ip(3)),
    );

    await fetch(manageUrl, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    const unsubscribedAnswer = await answer(
      await postJson(stack.current, '/subscribe', { email: 'same.confirmed@example.org', language: 'en' }, ip(3)),
    );

    expect(newAnswer).toEqual({ status: 202, type: 'application/json; charset=utf-8', body: '{"status":"pending"}' });
    expect(pendingAnswer).toEqual(newAnswer);
    expect(confirmedAnswer).toEqual(newAnswer);
    expect(unsubscribedAnswer).toEqual(newAnswer);
  });

  it('mails one address at most once per cooldown, however often it is submitted', async () => {
    const email = 'cooldown@example.org';
    for (let i = 0; i < 4; i++) {
      expect((await postJson(stack.current, '/subscribe', { email, language: 'ru' }, `192.0.2.${50 + i}`)).status).toBe(
        202,
      );
    }
    expect(await inbox(stack.current, email)).toHaveLength(1);
  });

  it('answers 429 past the per-client limit and keeps counting in DynamoDB', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await postJson(
        stack.current,
        '/subscribe',
        { email: `limited${i}@example.org`, language: 'en' },
        '192.0.2.99',
      );
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await res.json()).toMatchObject({ error: { code: 'too_many_requests' } });
      }
    }
    expect(statuses).toEqual([...Array(10).fill(202), 429, 429]);
    const counters = (await tableItems(stack.current)).filter((i) => String(i.pk).startsWith('RATE#'));
    // One counter item per client, its current window's count among its attributes.
    expect(counters.some((c) => Object.entries(c).some(([k, v]) => /^w\d+$/.test(k) && Number(v) === 12))).toBe(true);
    expect(await inbox(stack.current, 'limited10@example.org')).toHaveLength(0);
  });

  it('drops a request whose honeypot is filled, with the normal answer and nothing stored or sent', async () => {
    const before = await tableSnapshot(stack.current);
    const res = await postJson(
      stack.current,
      '/subscribe',
      { email: 'bot@example.org', language: 'en', website: 'http://spam.example' },
      '192.0.2.120',
    );
    expect(await answer(res)).toEqual({
      status: 202,
      type: 'application/json; charset=utf-8',
      body: '{"status":"pending"}',
    });
    // Even with an address that is not one: the bot learns nothing from the answer.
    const junk = await postJson(
      stack.current,
      '/subscribe',
      { email: 'not an address', language: 'ru', website: 'x' },
      '192.0.2.121',
    );
    expect(await answer(junk)).toEqual({
      status: 202,
      type: 'application/json; charset=utf-8',
      body: '{"status":"pending"}',
    });
    expect(await tableSnapshot(stack.current)).toBe(before);
    expect(await inbox(stack.current, 'bot@example.org')).toHaveLength(0);
  });

  it('keeps one item per address and sends one confirmation under 200 concurrent requests', async () => {
    const repeated = 'Hammered@Example.org';
    const requests = Array.from({ length: 200 }, (_, i) => {
      const email = i < 50 ? (i % 2 ? repeated : repeated.toLowerCase()) : `concurrent${i}@example.org`;
      return postJson(stack.current, '/subscribe', { email, language: 'be' }, `10.${Math.floor(i / 250)}.${i % 250}.1`);
    });
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.every((s) => s === 202)).toBe(true);
    const subscribers = (await tableItems(stack.current)).filter((i) => i.kind === 'subscriber');
    const hammered = subscribers.filter((s) => s.id === readerIdOf(stack.current, repeated));
    expect(hammered).toHaveLength(1);
    for (let i = 50; i < 200; i++)
      expect(subscribers.filter((s) => s.id === readerIdOf(stack.current, `concurrent${i}@example.org`))).toHaveLength(
        1,
      );
    expect(await inbox(stack.current, repeated)).toHaveLength(1);
    const mails = await inbox(stack.current);
    for (let i = 50; i < 200; i++)
      expect(mails.filter((m) => m.destination.to[0] === `concurrent${i}@example.org`)).toHaveLength(1);
  });
});
