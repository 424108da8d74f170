import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { confirm, inspectConfirmToken } from '../app/confirm.ts';
import { type WelcomeDeps, welcomeOnce } from '../app/welcome.ts';
import { InvalidTokenError } from '../core/errors.ts';
import { createSubscriptionContext } from '../wiring/subscription.ts';
import { createWelcomeDeps } from '../wiring/welcome.ts';
import { httpEdge } from './http/edge.ts';
import { type HttpRequest, parseBody } from './http/request.ts';
import { page } from './http/responses.ts';

const context = await createSubscriptionContext();
const { deps, log, originSecret, metrics, config } = context;

let welcomeDeps: WelcomeDeps | undefined;
/** The welcome step's dependencies, built on the first confirmation. */
async function welcome(): Promise<WelcomeDeps> {
  welcomeDeps ??= await createWelcomeDeps(context);
  return welcomeDeps;
}

const formSchema = z.object({ token: z.string().check(z.maxLength(512)) });

/**
 * `GET /confirm` shows the button and changes nothing; `POST /confirm` (form field `token`) confirms, then mails the
 * welcome once per subscription.
 */
export const handler = middy<APIGatewayProxyEventV2 & { parsed?: HttpRequest }, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(log.logger))
  .use(httpEdge({ log, errors: 'page', ...(originSecret === undefined ? {} : { originSecret }) }))
  .handler(async (event) => {
    const req = event.parsed as HttpRequest;
    if (req.method === 'GET') {
      const token = req.query.get('token') ?? '';
      const { language } = await inspectConfirmToken(deps, token);
      return page(200, language, { page: 'confirm', token });
    }
    const form = formSchema.safeParse(parseBody(req));
    if (!form.success) throw new InvalidTokenError('malformed');
    const { language, manageUrl, subscription } = await confirm(deps, form.data.token, {
      clientAddress: req.clientAddress,
    });
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
  });
