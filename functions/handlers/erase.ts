import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { eraseByLink, inspectEraseLink } from '../app/erase-link.ts';
import { InvalidTokenError } from '../core/errors.ts';
import { createEraseContext } from '../wiring/erase.ts';
import { httpEdge } from './http/edge.ts';
import { type HttpRequest, pageLanguage, parseBody } from './http/request.ts';
import { page } from './http/responses.ts';

const { deps, log, originSecret } = await createEraseContext();

const formSchema = z.object({ token: z.string().check(z.maxLength(512)) });

/**
 * The e-mails' erase link. `GET /erase?token=T&lang=L` shows a button and changes nothing (mail scanners follow
 * links); `POST /erase` (form field `token`) erases everything held about the reader, as the admin erase does. Both
 * answer in the link's language without reading anything stored, and the answer to `POST` is the same whether
 * anything was held. A bad token gets the invalid-link page.
 */
export const handler = middy<APIGatewayProxyEventV2 & { parsed?: HttpRequest }, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(log.logger))
  .use(httpEdge({ log, errors: 'page', ...(originSecret === undefined ? {} : { originSecret }) }))
  .handler(async (event) => {
    const req = event.parsed as HttpRequest;
    const lang = pageLanguage(req);
    if (req.method === 'GET') {
      const token = req.query.get('token') ?? '';
      inspectEraseLink(deps, token);
      return page(200, lang, { page: 'erase', token });
    }
    const form = formSchema.safeParse(parseBody(req));
    if (!form.success) throw new InvalidTokenError('malformed');
    await eraseByLink(deps, form.data.token);
    return page(200, lang, { page: 'erased' });
  });
