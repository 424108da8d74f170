import { describe, expect, it } from 'vitest';
import { editionAt } from '../../functions/core/edition.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { seedSamples } from '../../local/seed.ts';
import { sampleAccount } from '../support/desk-signin.ts';
import { useLocalStack } from '../support/local.ts';
import { expectAccessible, openBrowser } from './support/browser.ts';
import { deskShots } from './support/desk.ts';

// The stack's own desk configuration: the local sign-in (OIDC provider and identity-pool stand-in) on its port.
const stack = useLocalStack();

describe('signing in to the desk on npm start', () => {
  it('goes from the desk to the local sign-in page and back, signed in as the sample editor', async () => {
    const ctx = await createSendContext(stack.current.env);
    const edition = editionAt(Date.now(), ctx.config.TIMEZONE);
    await seedSamples(ctx, edition);
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${stack.current.apiUrl}/desk/`);
      await page.waitForURL(/\/local\/signin\/oauth2\/authorize\?/);
      await page.getByRole('heading', { level: 1, name: 'Sign in to the desk' }).waitFor();
      await expectAccessible(page, 'desk: sign-in');
      await deskShots(page, 'signin');
      const editor = sampleAccount(stack.current);
      await page.locator('input[autocomplete="username"]').fill(editor.username);
      await page.locator('input[autocomplete="current-password"]').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.getByRole('alert').textContent()).toBe('Incorrect username or password.');
      await expectAccessible(page, 'desk: sign-in error');
      await page.locator('input[autocomplete="current-password"]').fill(editor.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Back on the desk, which got the session credentials and signs its /admin/* calls with them.
      await page.getByRole('heading', { level: 1, name: `This week: ${edition}` }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/desk/');
      const session = JSON.parse(
        (await page.evaluate(() =>
          (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(
            'desk.session',
          ),
        )) ?? '{}',
      ) as {
        accessKeyId?: string;
        groups?: string[];
      };
      expect(session.accessKeyId).toMatch(/^ASIA/);
      expect(session.groups).toEqual(['editor']);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
