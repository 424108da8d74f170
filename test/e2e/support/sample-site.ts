import { afterAll, beforeAll } from 'vitest';
import { editionAt } from '../../../functions/core/edition.ts';
import { createSendContext } from '../../../functions/wiring/send.ts';
import { seedSamples } from '../../../local/seed.ts';
import { useLocalStack } from '../../support/local.ts';
import { openBrowser, type TestBrowser } from './browser.ts';

/** A local stack seeded with the sample commentaries of this week, and a browser, for the file's tests. */
export function useSampleSite() {
  const stack = useLocalStack();
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    browser = await openBrowser();
    const ctx = await createSendContext(stack.current.env);
    await seedSamples(ctx, editionAt(Date.now(), ctx.config.TIMEZONE));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    stack,
    /** The browser (opened before the first test). */
    get browser(): TestBrowser {
      if (!browser) throw new Error('the browser is opened in beforeAll');
      return browser;
    },
  };
}
