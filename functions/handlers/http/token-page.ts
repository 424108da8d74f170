import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import type { Log } from '../../app/ports/log.ts';
import { InvalidTokenError } from '../../core/errors.ts';
import { httpEdge } from './edge.ts';
import { type HttpRequest, parseBody } from './request.ts';

type Result = APIGatewayProxyStructuredResultV2;

/** The form a token page's button posts: the signed token from the link, nothing else. */
const tokenForm = z.object({ token: z.string().check(z.maxLength(512)) });

/** What makes one token page: the use case's two calls and the function's logger. */
export interface TokenPageOptions {
  readonly log: Log & { readonly logger: Parameters<typeof injectLambdaContext>[0] };
  /** With it, requests carrying this origin secret are taken to come through CloudFront (see toRequest). */
  readonly originSecret?: string | undefined;
  /** `GET ?token=T`: checks the token, changes nothing, and answers the page with the button. */
  readonly show: (token: string, req: HttpRequest) => Result | Promise<Result>;
  /** `POST` (form field `token`, from the button): acts on the token. */
  readonly act: (token: string, req: HttpRequest) => Promise<Result>;
  /** The answer to a bad or expired token; without it, the edge's invalid-link page. */
  readonly invalid?: () => Result;
}

/**
 * The Lambda handler of a mailed link's page (confirm, erase, hold): `GET` shows a button and changes nothing (mail
 * scanners follow links), `POST` with the token in its form acts. A malformed form is an invalid token; every other
 * error goes to the HTTP edge, which answers pages.
 *
 * @example
 * export const handler = tokenPageHandler({
 *   log,
 *   show(token, req) {
 *     inspectEraseLink(deps, token);
 *     return page(200, pageLanguage(req), { page: 'erase', token });
 *   },
 *   async act(token, req) {
 *     await eraseByLink(deps, token);
 *     return page(200, pageLanguage(req), { page: 'erased' });
 *   },
 * });
 */
export function tokenPageHandler(options: TokenPageOptions) {
  const { log, originSecret, show, act, invalid } = options;
  return middy<APIGatewayProxyEventV2 & { parsed?: HttpRequest }, Result>()
    .use(injectLambdaContext(log.logger))
    .use(httpEdge({ log, errors: 'page', ...(originSecret === undefined ? {} : { originSecret }) }))
    .handler(async function tokenPage(event) {
      const req = event.parsed as HttpRequest;
      try {
        if (req.method === 'GET') return await show(req.query.get('token') ?? '', req);
        const form = tokenForm.safeParse(parseBody(req));
        if (!form.success) throw new InvalidTokenError('malformed');
        return await act(form.data.token, req);
      } catch (error) {
        if (invalid !== undefined && error instanceof InvalidTokenError) return invalid();
        throw error;
      }
    });
}
