import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { editionAt } from '../../../functions/core/edition.ts';
import { createSendContext } from '../../../functions/wiring/send.ts';
import { seedSamples } from '../../../local/seed.ts';
import { type LocalStack, startLocalStack } from '../../../local/stack.ts';
import { sampleAccount } from '../../support/desk-signin.ts';
import { readers, seedReaders } from '../../support/seed.ts';
import { openBrowser, type TestBrowser } from './browser.ts';

/**
 * A local stack seeded with this week's sample commentaries and two confirmed readers per language, and a browser.
 * The stack's sign-in clock (tokens, session credentials and the SigV4 check) runs `shift` ms ahead of real time.
 */
export function useDeskSite(env: Record<string, string> = {}) {
  // Filled in beforeAll; `env` is read then, so a caller's beforeAll may still add to it.
  const stack: { current: LocalStack } = {} as { current: LocalStack };
  let browser: TestBrowser | undefined;
  let edition = '';
  let shift = 0;
  beforeAll(async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
    stack.current = await startLocalStack({ env, trustForwardedFor: true, now: () => Date.now() + shift });
    browser = await openBrowser();
    const ctx = await createSendContext(stack.current.env);
    edition = editionAt(Date.now(), ctx.config.TIMEZONE);
    await seedSamples(ctx, edition);
    await seedReaders(ctx, readers('desk-reader-', 6, 'confirmed'), Date.now(), { markWeeks: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack.current?.close();
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
    /** Moves the stack's sign-in clock `ms` ahead of real time. */
    shiftClock(ms: number): void {
      shift = ms;
    },
  };
}

export type DeskSite = ReturnType<typeof useDeskSite>;

/** The sample account of a group, as the start banner prints it. */
export function account(site: DeskSite, group: 'editor' | 'data' = 'editor') {
  return sampleAccount(site.stack.current, group);
}

/** Fills the local sign-in's form (Cognito's managed login on AWS) as an editor would. */
export async function signInThroughForm(page: Page, site: DeskSite, group: 'editor' | 'data' = 'editor') {
  await page.waitForURL((url) => url.pathname.startsWith('/local/signin/'));
  const { username, password } = account(site, group);
  await page.getByLabel('Username (e-mail address)').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * A new page of the desk at `hash`, signed in through the real form as the sample account of `groups[0]`; resolves
 * back on the desk's page. (`_validMs` stays for callers from before the real sign-in: a session lasts its hour.)
 */
export async function deskPage(
  site: DeskSite,
  hash = '',
  _validMs?: number,
  groups: readonly ('editor' | 'data')[] = ['editor'],
): Promise<Page> {
  const page = await site.browser.context.newPage();
  await page.goto(`${site.stack.current.apiUrl}/desk/${hash}`);
  await signInThroughForm(page, site, groups[0] ?? 'editor');
  await page.waitForURL(`${site.stack.current.apiUrl}/desk/${hash}`);
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
