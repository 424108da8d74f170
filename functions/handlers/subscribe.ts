import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { SubscribeProblem } from '../../templates/pages.ts';
import { subscribe } from '../app/subscribe.ts';
import { InvalidInputError } from '../core/errors.ts';
import { isLanguage } from '../core/language.ts';
import { parseSignup, type Signup } from '../core/signup-form.ts';
import { createSubscribeContext } from '../wiring/subscription.ts';
import { httpEdge } from './http/edge.ts';
import { checkOrigin, siteOrigins } from './http/origin.ts';
import { type HttpRequest, pageLanguage, parseBody } from './http/request.ts';
import { json, page, seeOther } from './http/responses.ts';

const { config, deps, log, originSecret, metrics, localConfirmations: confirmations } = await createSubscribeContext();
/** Without CONFIRM_QUEUE_URL (local runs) the confirmations are mailed from this process; `drain()` awaits them. */
export const localConfirmations = confirmations;

const origins = siteOrigins(config.ALLOWED_ORIGINS, config.PUBLIC_URL);

const PROBLEMS: Record<string, SubscribeProblem> = { invalid_email: 'email', invalid_language: 'language' };

/** The signup form again, in the form's own language when valid, saying what was wrong; nothing stored or sent. */
function formErrorPage(req: HttpRequest, error: InvalidInputError) {
  const fields = parseBody(req) as { email?: unknown; language?: unknown };
  const lang = isLanguage(fields.language) ? fields.language : pageLanguage(req);
  const email = typeof fields.email === 'string' ? fields.email.slice(0, 320) : '';
  return page(400, lang, { page: 'subscribeError', problem: PROBLEMS[error.code] ?? 'request', email });
}

/** `POST /subscribe` (JSON or form) and `GET /subscribe` (the localized "check your inbox" page). */
export const handler = middy<APIGatewayProxyEventV2 & { parsed?: HttpRequest }, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(log.logger))
  .use(httpEdge({ log, ...(originSecret === undefined ? {} : { originSecret }) }))
  .handler(async (event) => {
    const req = event.parsed as HttpRequest;
    if (req.method === 'GET') {
      const lang = req.query.get('language');
      return page(200, isLanguage(lang) ? lang : 'en', { page: 'checkInbox' });
    }
    checkOrigin(req.headers, origins);
    const isForm = /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
    let body: Signup;
    try {
      body = parseSignup(parseBody(req));
      await subscribe(deps, {
        ...body,
        clientAddress: req.clientAddress,
        source: req.headers.origin ?? req.headers.referer ?? '',
      });
    } catch (error) {
      if (isForm && req.wantsHtml && error instanceof InvalidInputError) return formErrorPage(req, error);
      throw error;
    }
    metrics.count('subscribed', 1, { language: body.language });
    return isForm
      ? seeOther(`${config.PUBLIC_URL}/subscribe?language=${body.language}`)
      : json(202, { status: 'pending' });
  });
