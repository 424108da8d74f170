import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { createMetrics } from '../adapters/metrics.ts';
import { confirm, inspectConfirmToken } from '../app/confirm.ts';
import { InvalidTokenError } from '../core/errors.ts';
import { createSubscriptionContext } from './context.ts';
import { httpEdge } from './http/edge.ts';
import { type HttpRequest, parseBody } from './http/request.ts';
import { page } from './http/responses.ts';

const context = await createSubscriptionContext();
const { config, deps } = context;

const metrics = createMetrics();

const formSchema = z.object({ token: z.string().check(z.maxLength(512)) });

/** `GET /confirm` shows the button and changes nothing; `POST /confirm` (form field `token`) confirms. */
export const handler = middy<APIGatewayProxyEventV2 & { parsed?: HttpRequest }, APIGatewayProxyStructuredResultV2>()
  .use(httpEdge({ allowedOrigins: config.ALLOWED_ORIGINS, log: deps.log, originSecret: context.originSecret }))
  .handler(async (event) => {
    const req = { ...(event.parsed as HttpRequest), wantsHtml: true };
    event.parsed = req;
    if (req.method === 'GET') {
      const token = req.query.get('token') ?? '';
      const { language } = await inspectConfirmToken(deps, token);
      return page(200, language, { page: 'confirm', token });
    }
    const form = formSchema.safeParse(parseBody(req));
    if (!form.success) throw new InvalidTokenError('malformed');
    const { language, manageUrl } = await confirm(deps, form.data.token, {
      clientAddress: req.clientAddress,
      userAgent: req.headers['user-agent'] ?? '',
    });
    metrics.count('confirmed', 1, { language });
    return page(200, language, { page: 'confirmed', manageUrl });
  });
