import { describe, expect, it } from 'vitest';
import { handlerEntries } from '../../bench/bundles.ts';
import { bundleInputs } from '../support/bundle-inputs.ts';

/** The catalogue parts (templates/compiled/messages/<part>.json) in a bundle's files. */
function partsOf(files: string[]): string[] {
  return files.flatMap((f) => /^templates\/compiled\/messages\/(.+)\.json$/.exec(f)?.[1] ?? []).sort();
}

// Every kilobyte in a bundle costs module init (issue 14); these are what a function carried without needing it.
describe('a function bundle carries what the function needs at cold start', () => {
  it('prepare: the feed parsers, not the commentary file parser (yaml, marked)', async () => {
    const { packages } = await bundleInputs('prepare');
    expect(packages.has('feedsmith')).toBe(true);
    expect([...packages].filter((p) => p === 'yaml' || p === 'marked')).toEqual([]);
  });

  it('inbound: postal-mime, not mailparser, and no message catalogue', async () => {
    const { packages, files } = await bundleInputs('inbound');
    expect(packages.has('postal-mime')).toBe(true);
    expect([...packages].filter((p) => /mailparser|iconv-lite|libmime/.test(p))).toEqual([]);
    expect(files.filter((f) => /^templates\/(i18n|compiled\/messages)/.test(f))).toEqual([]);
  });

  it('the counting functions: no Powertools Metrics (the EMF lines are our own)', async () => {
    for (const handler of ['subscribe', 'confirm', 'unsubscribe', 'deliver']) {
      const { packages } = await bundleInputs(handler);
      expect(packages.has('@aws-lambda-powertools/metrics'), handler).toBe(false);
    }
  });

  it('every function: only the catalogue parts of the messages it shows, never the whole catalogue (issue 25)', async () => {
    const parts: Record<string, string[]> = {};
    for (const handler of handlerEntries()) {
      const { files } = await bundleInputs(handler);
      expect(
        files.filter((f) => /^templates\/(i18n|compiled\/messages\.json)/.test(f)),
        handler,
      ).toEqual([]);
      parts[handler] = partsOf(files);
    }
    // No messages at all, or only the editors' report (in English, with the readers' languages named).
    expect(parts.inbound).toEqual([]);
    expect(parts['ses-events']).toEqual([]);
    expect(parts.deliver).toEqual(['brand', 'email.report']);
    // The pages' functions carry no e-mail; the e-mails' functions no page; the digest's no page nor reader e-mail.
    for (const handler of ['subscribe', 'unsubscribe', 'erase', 'hold'])
      expect(
        parts[handler]?.filter((p) => p.startsWith('email')),
        handler,
      ).toEqual([]);
    for (const handler of ['send-confirmation', 'repermission'])
      expect(
        parts[handler]?.filter((p) => p.startsWith('page')),
        handler,
      ).toEqual([]);
    expect(parts['send-confirmation']).not.toContain('email.welcome');
    expect(parts.confirm).not.toContain('email.confirm');
    for (const handler of ['dispatch', 'prepare'])
      expect(
        parts[handler]?.filter((p) => /^(page|email)\./.test(p)),
        handler,
      ).toEqual([]);
  });
});
