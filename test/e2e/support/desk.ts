import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { editionAt } from '../../../functions/core/edition.ts';
import { createSendContext } from '../../../functions/wiring/send.ts';
import { seedSamples } from '../../../local/seed.ts';
import { useLocalStack } from '../../support/local.ts';
import { readers, seedReaders } from '../../support/seed.ts';
import { openBrowser, type TestBrowser } from './browser.ts';

/** The editor the desk tests sign in as (the runner's own credentials until the local sign-in exists). */
export const EDITOR = 'editor@example.org';

/**
 * A local stack seeded with this week's sample commentaries and a few confirmed readers per language, the desk's
 * configuration, and a browser.
 */
export function useDeskSite(env: Record<string, string> = {}) {
  // The same object, filled in: a caller's beforeAll may still add to `env` before the stack starts.
  const stack = useLocalStack(
    Object.assign(env, {
      DESK_AUTHORITY: 'http://127.0.0.1:9/local/signin',
      DESK_CLIENT_ID: 'desk',
      DESK_IDENTITY_POOL_ID: 'local:desk',
      DESK_IDENTITY_ENDPOINT: 'http://127.0.0.1:9/local/cognito-identity/',
      DESK_LOGINS_KEY: '127.0.0.1:9/local/signin',
    }),
  );
  let browser: TestBrowser | undefined;
  let edition = '';
  beforeAll(async () => {
    browser = await openBrowser();
    const ctx = await createSendContext(stack.current.env);
    edition = editionAt(Date.now(), ctx.config.TIMEZONE);
    await seedSamples(ctx, edition);
    await seedReaders(ctx, readers('desk-reader-', 6, 'confirmed'), Date.now(), { markWeeks: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    stack,
    get edition(): string {
      return edition;
    },
    get browser(): TestBrowser {
      if (!browser) throw new Error('the browser is opened in beforeAll');
      return browser;
    },
  };
}

/** A page of the desk signed in with a session that holds the runner's own credentials for `validMs`. */
export async function deskPage(
  site: ReturnType<typeof useDeskSite>,
  hash = '',
  validMs = 3_600_000,
  groups: readonly string[] = ['editor'],
  /** Session credentials (e.g. the identity stand-in's for a role) instead of the runner's own. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string },
): Promise<Page> {
  const page = await site.browser.context.newPage();
  const session = {
    accessKeyId: site.stack.current.env.AWS_ACCESS_KEY_ID ?? 'local',
    secretAccessKey: site.stack.current.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    sessionToken: '',
    ...credentials,
    expiration: Date.now() + validMs,
    email: EDITOR,
    groups,
    idToken: '',
  };
  await page.addInitScript((s) => {
    const store = (
      globalThis as unknown as {
        sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
      }
    ).sessionStorage;
    if (!store.getItem('desk.session')) store.setItem('desk.session', s);
  }, JSON.stringify(session));
  await page.goto(`${site.stack.current.apiUrl}/desk/${hash}`);
  return page;
}

/** Screenshots of the page at 375 and 1280 px into docs/screenshots/desk/ (`<name>-375.png`, `<name>-1280.png`). */
export async function deskShots(page: Page, name: string): Promise<void> {
  const dir = join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots', 'desk');
  mkdirSync(dir, { recursive: true });
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: false });
  }
  await page.setViewportSize({ width: 1000, height: 900 });
}
