import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { type HoldPage, renderHoldPage } from '../../templates/hold-page.ts';
import { PAGE_HEADERS } from '../../templates/pages.ts';
import { holdByLink, inspectHoldLink } from '../app/hold-link.ts';
import { InvalidTokenError } from '../core/errors.ts';
import { holdLinkDeps } from '../wiring/feeds.ts';
import { createSendContext } from './context.ts';
import { httpEdge } from './http/edge.ts';
import { type HttpRequest, parseBody } from './http/request.ts';

const ctx = await createSendContext();
const deps = holdLinkDeps(ctx);

const formSchema = z.object({ token: z.string().check(z.maxLength(512)) });

const holdPage = (statusCode: number, p: HoldPage): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { ...PAGE_HEADERS, 'Content-Language': 'en' },
  body: renderHoldPage(p),
});

/**
 * The preview e-mail's hold link: `GET /hold?token=T` shows a button and changes nothing (mail scanners follow
 * links); `POST /hold` (form field `token`) holds the edition. A bad or expired token gets a page saying so.
 */
export const handler = middy<APIGatewayProxyEventV2 & { parsed?: HttpRequest }, APIGatewayProxyStructuredResultV2>()
  .use(httpEdge({ allowedOrigins: ctx.config.ALLOWED_ORIGINS, log: ctx.log }))
  .handler(async (event) => {
    const req = { ...(event.parsed as HttpRequest), wantsHtml: true };
    event.parsed = req;
    try {
      if (req.method === 'GET') {
        const token = req.query.get('token') ?? '';
        const { edition, state } = await inspectHoldLink(deps, token);
        return holdPage(200, state === 'open' ? { page: 'confirm', edition, token } : { page: state, edition });
      }
      const form = formSchema.safeParse(parseBody(req));
      if (!form.success) throw new InvalidTokenError('malformed');
      const { edition, state } = await holdByLink(deps, form.data.token);
      ctx.log.info('hold link used', { edition, state });
      return holdPage(state === 'started' ? 409 : 200, { page: state === 'open' ? 'held' : state, edition });
    } catch (error) {
      if (error instanceof InvalidTokenError) return holdPage(400, { page: 'invalid' });
      throw error;
    }
  });
