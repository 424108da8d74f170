import { caniemail } from 'caniemail';
import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../../templates/digest.ts';
import {
  renderAlreadySubscribedEmail,
  renderConfirmationEmail,
  renderWelcomeEmail,
} from '../../../templates/emails.ts';

const outlet = {
  siteUrl: 'https://example.org',
  publicUrl: 'https://news.example.org',
  brandColour: '#8c2f1b',
  privacyUrl: 'https://example.org/privacy',
  contactEmail: 'desk@example.org',
  postalAddress: 'PO Box 1',
};
const item = {
  topic: 'Эканоміка',
  title: 'Загаловак',
  leadHtml: 'Уступ <em>x</em>',
  leadText: 'x',
  url: 'https://example.org/a',
};
const MAILS = {
  digest: renderDigest({
    language: 'be',
    edition: '2026-W48',
    dateRange: '24–30 лістапада 2026',
    items: [{ ...item, trend: 'worse', sample: true }],
    outlet,
  }).html,
  confirm: renderConfirmationEmail('be', {
    confirmUrl: 'https://news.example.org/confirm?token=abc',
    eraseUrl: 'https://n/e',
    expiresInDays: 7,
  }).html,
  welcome: renderWelcomeEmail('be', {
    manageUrl: 'https://n/u',
    eraseUrl: 'https://n/e',
    archiveUrl: 'https://n/a',
    latestUrl: 'https://n/a/1',
  }).html,
  already: renderAlreadySubscribedEmail('be', { manageUrl: 'https://n/u', eraseUrl: 'https://n/e' }).html,
};

/** What caniemail's data marks unsupported per client, as docs/email-clients.md explains it (keep both in step). */
const DOCUMENTED: Record<string, string[]> = {
  'gmail.desktop-webmail': ['cursor', 'target attribute', 'transform'],
  'gmail.android': ['cursor', 'target attribute', 'transform'],
  'gmail.ios': ['<wbr> element', 'cursor', 'target attribute', 'transform'],
  'outlook.windows': [
    '<wbr> element',
    '@media',
    'Attribute selector',
    'Chaining selectors',
    'border-radius',
    'outline',
    'overflow',
    'transform',
    'white-space',
    'word-spacing',
  ],
  'outlook.windows-mail': [
    '<wbr> element',
    '@media',
    'Attribute selector',
    'Chaining selectors',
    'aria-hidden attribute',
    'aria-label attribute',
    'border-radius',
    'outline',
    'overflow',
    'role attribute',
    'transform',
    'white-space',
    'word-break',
    'word-spacing',
  ],
  'apple-mail.macos': [],
  'apple-mail.ios': ['cursor'],
  'yahoo.desktop-webmail': [
    'aria-hidden attribute',
    'aria-label attribute',
    'height property',
    'target attribute',
    'transform',
    'word-break',
  ],
};

describe('the e-mails against caniemail’s data', () => {
  it('use only what docs/email-clients.md lists as degrading, client by client', () => {
    const found: Record<string, Set<string>> = Object.fromEntries(Object.keys(DOCUMENTED).map((c) => [c, new Set()]));
    for (const html of Object.values(MAILS)) {
      const { issues } = caniemail({ clients: Object.keys(DOCUMENTED) as never, html });
      for (const [client, list] of (issues as unknown as { errors: Map<string, { title: string }[]> }).errors) {
        for (const issue of list) found[client]?.add(issue.title);
      }
    }
    const sorted = Object.fromEntries(Object.entries(found).map(([c, s]) => [c, [...s].sort()]));
    expect(sorted).toEqual(Object.fromEntries(Object.entries(DOCUMENTED).map(([c, l]) => [c, [...l].sort()])));
  });
});
