import { describe, expect, it } from 'vitest';
import { listHeaders } from '../../functions/app/list-headers.ts';
import { subscriberIdFor } from '../../functions/core/identity.ts';
import { readUnsubscribeAddress } from '../../functions/core/mailbox.ts';

const ring = { current: { id: 'k1', secret: 'a'.repeat(43) }, previous: [] };
const subscriberId = subscriberIdFor(new Uint8Array(32), 'reader@example.net');
const manageUrl = 'https://weekly.example.org/unsubscribe?token=t1.manage.x.y';
const value = (headers: { name: string; value: string }[], name: string) => headers.find((h) => h.name === name)?.value;

describe('list headers of a weekly e-mail', () => {
  it("put the reader's own mailto address first and the one-click URL second", () => {
    const headers = listHeaders(
      { ring, listId: 'weekly.example.org', inboundDomain: 'inbound.example.org' },
      { subscriberId, language: 'ru', manageUrl },
    );
    const unsubscribe = value(headers, 'List-Unsubscribe') as string;
    const match = /^<mailto:([^?>]+)\?subject=unsubscribe>, <([^>]+)>$/.exec(unsubscribe);
    expect(match?.[2]).toBe(manageUrl);
    expect(readUnsubscribeAddress(ring, match?.[1] ?? '', 'inbound.example.org')).toEqual({
      kind: 'reader',
      subscriberId,
    });
    expect(value(headers, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(value(headers, 'List-Id')).toBe('<ru.weekly.example.org>');
    expect(value(headers, 'Precedence')).toBe('bulk');
  });

  it('leave the mailto part out without an inbound domain', () => {
    const headers = listHeaders({ ring, listId: 'weekly.example.org' }, { subscriberId, language: 'be', manageUrl });
    expect(value(headers, 'List-Unsubscribe')).toBe(`<${manageUrl}>`);
    expect(value(headers, 'List-Id')).toBe('<be.weekly.example.org>');
  });
});
