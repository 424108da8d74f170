import { describe, expect, it } from 'vitest';
import { bundleInputs } from '../support/bundle-inputs.ts';

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
});
