import { describe, expect, it } from 'vitest';
import { canonicalMailbox, releaseMailboxSlot, takeMailboxSlot } from '../../../functions/core/mailbox.ts';

describe('canonicalMailbox', () => {
  it.each([
    ['Victim+1@Gmail.com', 'victim@gmail.com'],
    ['v.i.c.t.i.m+news@gmail.com', 'victim@gmail.com'],
    ['Victim@googlemail.com', 'victim@gmail.com'],
    ['first.last+x@example.org', 'first.last@example.org'],
    ['First.Last@Example.org', 'first.last@example.org'],
    ['+only@example.org', '+only@example.org'],
    ['a+b+c@example.org', 'a@example.org'],
  ])('takes %s as the mailbox %s', (address, mailbox) => {
    expect(canonicalMailbox(address)).toBe(mailbox);
  });
});

describe('takeMailboxSlot and releaseMailboxSlot', () => {
  const policy = { minIntervalMs: 120_000, maxPerDay: 2 };
  it('allows one e-mail per cooldown and keeps a slot for the request that holds it', () => {
    const first = takeMailboxSlot([], 'r1', 1_000, policy);
    expect(first).toEqual({ allowed: true, log: [{ at: 1_000, request: 'r1' }] });
    expect(takeMailboxSlot(first.log, 'r2', 2_000, policy).allowed).toBe(false);
    expect(takeMailboxSlot(first.log, 'r1', 2_000, policy)).toEqual({ allowed: true, log: first.log });
  });

  it('frees the slot of a request whose e-mail was not accepted', () => {
    const { log } = takeMailboxSlot([], 'r1', 1_000, policy);
    expect(takeMailboxSlot(releaseMailboxSlot(log, 'r1'), 'r2', 2_000, policy).allowed).toBe(true);
  });

  it('caps the e-mails of a day', () => {
    const log = [
      { at: 0, request: 'a' },
      { at: 200_000, request: 'b' },
    ];
    expect(takeMailboxSlot(log, 'c', 400_000, policy).allowed).toBe(false);
    expect(takeMailboxSlot(log, 'c', 86_400_001, policy).allowed).toBe(true);
  });
});
