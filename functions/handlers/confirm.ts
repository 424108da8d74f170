import { confirm, inspectConfirmToken } from '../app/confirm.ts';
import { type WelcomeDeps, welcomeOnce } from '../app/welcome.ts';
import { createSubscriptionContext } from '../wiring/subscription.ts';
import { createWelcomeDeps } from '../wiring/welcome.ts';
import { page } from './http/responses.ts';
import { tokenPageHandler } from './http/token-page.ts';

const context = await createSubscriptionContext();
const { deps, log, originSecret, metrics, config } = context;

let welcomeDeps: WelcomeDeps | undefined;
/** The welcome step's dependencies, built on the first confirmation. */
async function welcome(): Promise<WelcomeDeps> {
  welcomeDeps ??= await createWelcomeDeps(context);
  return welcomeDeps;
}

/**
 * `GET /confirm` shows the button and changes nothing; `POST /confirm` (form field `token`) confirms, then mails the
 * welcome once per subscription.
 */
export const handler = tokenPageHandler({
  log,
  originSecret,
  async show(token) {
    const { language } = await inspectConfirmToken(deps, token);
    return page(200, language, { page: 'confirm', token });
  },
  async act(token, req) {
    const { language, manageUrl, subscription } = await confirm(deps, token, { clientAddress: req.clientAddress });
    // The welcome is its own step: once per subscription, and a failure never turns the confirmation into an error.
    await welcomeOnce(await welcome(), subscription).catch((error: unknown) =>
      deps.log.error('welcome failed', { error: error as Error }),
    );
    metrics.count('confirmed', 1, { language });
    return page(200, language, {
      page: 'confirmed',
      manageUrl,
      ...(config.SITE_URL ? { siteUrl: config.SITE_URL } : {}),
    });
  },
});
