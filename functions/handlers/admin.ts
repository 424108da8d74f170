import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createAdminDeps } from '../wiring/admin.ts';
import { type AdminEvent, routeAdmin } from './admin/router.ts';
import { ADMIN_ROUTES } from './admin/routes.ts';
import { httpEdge } from './http/edge.ts';

const { deps, log } = await createAdminDeps();

/** Largest admin request body: a week's commentary files, or one 1 MiB chunk of a list import in base64 (API Gateway allows 10 MB). */
export const ADMIN_MAX_BODY_BYTES = 1536 * 1024;

/** The editors' API (`/admin/...`, IAM-authorized): one route table, JSON errors, every action logged with its request id. */
export const handler = middy<AdminEvent, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(log.logger))
  .use(httpEdge({ log, maxBodyBytes: ADMIN_MAX_BODY_BYTES, errors: 'json' }))
  .handler((event) => routeAdmin(ADMIN_ROUTES, deps, event));
