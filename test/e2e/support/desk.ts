import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { editionAt } from '../../../functions/core/edition.ts';
import { createSendContext } from '../../../functions/wiring/send.ts';
import { seedSamples } from '../../../local/seed.ts';
import { type LocalStack, startLocalStack } from '../../../local/stack.ts';
import { readers, seedReaders } from '../../support/seed.ts';
import { openBrowser, type TestBrowser } from './browser.ts';

/**
 * A local stack seeded with this week's sample commentaries and two confirmed readers per language, and a browser.
 * The stack's sign-in clock (tokens, session credentials and the SigV4 check) runs `shift` ms ahead of real time.
 */
export function useDeskSite() {
  let stack: LocalStack | undefined;
  let browser: TestBrowser | undefined;
  let edition = '';
  let shift = 0;
  beforeAll(async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
    stack = await startLocalStack({ trustForwardedFor: true, now: () => Date.now() + shift });
    browser = await openBrowser();
    const ctx = await createSendContext(stack.env);
    edition = editionAt(Date.now(), ctx.config.TIMEZONE);
    await seedSamples(ctx, edition);
    await seedReaders(ctx, readers('desk-reader-', 6, 'confirmed'), Date.now(), { markWeeks: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  return {
    get stack(): LocalStack {
      if (!stack) throw new Error('the stack starts in beforeAll');
      return stack;
    },
    get edition(): string {
      return edition;
    },
    get browser(): TestBrowser {
      if (!browser) throw new Error('the browser is opened in beforeAll');
      return browser;
    },
    /** Moves the stack's sign-in clock `ms` ahead of real time. */
    shiftClock(ms: number): void {
      shift = ms;
    },
  };
}

export type DeskSite = ReturnType<typeof useDeskSite>;

/** The sample account of a group, as the start banner prints it. */
export function account(site: DeskSite, group: 'editor' | 'data' = 'editor') {
  const found = site.stack.signin.samples.find((a) => a.group === group);
  if (!found) throw new Error(`no sample ${group} account`);
  return found;
}

/** Fills the local sign-in's form (Cognito's managed login on AWS) as an editor would. */
export async function signInThroughForm(page: Page, site: DeskSite, group: 'editor' | 'data' = 'editor') {
  await page.waitForURL((url) => url.pathname.startsWith('/local/signin/'));
  const { username, password } = account(site, group);
  await page.getByLabel('Username (e-mail address)').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A new page of the desk at `hash`, signed in through the real form; resolves back on the desk's page. */
export async function deskPage(site: DeskSite, hash = '', group: 'editor' | 'data' = 'editor'): Promise<Page> {
  const page = await site.browser.context.newPage();
  await page.goto(`${site.stack.apiUrl}/desk/${hash}`);
  await signInThroughForm(page, site, group);
  await page.waitForURL(`${site.stack.apiUrl}/desk/${hash}`);
  await expect.poll(() => page.locator('.bar').count()).toBe(1);
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
