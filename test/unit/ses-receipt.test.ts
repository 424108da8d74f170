import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authenticatedDomains, type ReceiptAuthentication } from '../../functions/adapters/ses-receipt.ts';

const captured = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'ses-receipt', 'feedback-report.json'), 'utf8'),
).Records[0].ses;
const base: ReceiptAuthentication = { ...captured.mail, ...captured.receipt };

describe('authenticatedDomains (SES receiving verdicts)', () => {
  it('gives the DKIM signing domain SES recorded as passing in the captured Mail.ru report', () => {
    expect(authenticatedDomains(base)).toEqual(['corp.mail.ru']);
  });

  it('gives nothing when SES says DKIM failed, whatever the headers claim', () => {
    expect(authenticatedDomains({ ...base, dkimVerdict: { status: 'FAIL' } })).toEqual([]);
  });

  it("reads only SES's own Authentication-Results, never one the sender wrote below it", () => {
    const headers = [
      { name: 'Authentication-Results', value: 'amazonses.com; spf=none; dkim=pass header.i=@attacker.example;' },
      { name: 'Authentication-Results', value: 'amazonses.com; dkim=pass header.i=@mail.ru;' },
    ];
    expect(authenticatedDomains({ ...base, headers })).toEqual(['attacker.example']);
    const forged = [{ name: 'Authentication-Results', value: 'mx.attacker.example; dkim=pass header.d=mail.ru' }];
    expect(authenticatedDomains({ ...base, headers: forged })).toEqual([]);
  });

  it("gives the envelope sender's domain when SPF passed, and nothing for a null sender", () => {
    const spf = { ...base, dkimVerdict: { status: 'GRAY' }, spfVerdict: { status: 'PASS' } };
    expect(authenticatedDomains({ ...spf, source: 'fbl@corp.mail.ru' })).toEqual(['corp.mail.ru']);
    expect(authenticatedDomains({ ...spf, source: '' })).toEqual([]);
  });
});
