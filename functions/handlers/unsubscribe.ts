import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { changeLanguage, inspectManageToken, unsubscribe } from '../app/manage.ts';
import { InvalidInputError } from '../core/errors.ts';
import { LANGUAGES } from '../core/language.ts';
import { createSubscriptionContext } from '../wiring/subscription.ts';
import { httpEdge } from './http/edge.ts';
import { type HttpRequest, pageLanguage, parseBody } from './http/request.ts';
import { page } from './http/responses.ts';

const { config, deps, log, metrics } = await createSubscriptionContext();

// The unsubscribed page links back to the signup when the site is configured.
const siteLink = config.SITE_URL ? { siteUrl: config.SITE_URL } : {};

const languageForm = z.object({ action: z.literal('language'), language: z.enum(LANGUAGES) });

/**
 * `GET /unsubscribe?token=T` shows the manage page and changes nothing. `POST /unsubscribe?token=T` unsubscribes
 * at once (RFC 8058 one-click body, or the page's button) unless it is the page's language form
 * (`action=language`). No cookie, no CSRF token, no second step.
 */
export const handler = middy<APIGatewayProxyEventV2 & { parsed?: HttpRequest }, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(log.logger))
  .use(httpEdge({ log, errors: 'page' }))
  .handler(async (event) => {
    const req = event.parsed as HttpRequest;
    const token = req.query.get('token') ?? '';
    const fallback = pageLanguage(req);
    if (req.method === 'GET') {
      const view = await inspectManageToken(deps, token);
      if (view.status === 'unsubscribed' || view.status === undefined) {
        return page(200, view.language ?? fallback, { page: 'unsubscribed', token, ...siteLink });
      }
      return page(200, view.language ?? fallback, { page: 'manage', token, language: view.language ?? fallback });
    }
    // One-click clients may send an empty or odd body: any POST that is not the language form unsubscribes.
    let body: unknown = {};
    try {
      body = parseBody(req);
    } catch {
      // An unusual body (multipart, text) still means "unsubscribe me".
    }
    const asLanguage = (body as { action?: unknown }).action === 'language' ? languageForm.safeParse(body) : undefined;
    if (asLanguage && !asLanguage.success)
      throw new InvalidInputError('invalid_language', `language must be one of ${LANGUAGES.join(', ')}`);
    if (asLanguage?.success) {
      const view = await changeLanguage(deps, token, asLanguage.data.language);
      return page(200, view.language ?? fallback, {
        page: 'languageChanged',
        token,
        language: asLanguage.data.language,
      });
    }
    const view = await unsubscribe(deps, token);
    metrics.count('unsubscribed', 1, { language: view.language ?? fallback });
    return page(200, view.language ?? fallback, { page: 'unsubscribed', token, ...siteLink });
  });
