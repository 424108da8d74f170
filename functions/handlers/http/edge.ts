import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Log } from '../../app/ports.ts';
import {
  ConflictError,
  InvalidInputError,
  InvalidTokenError,
  NotFoundError,
  TooManyRequestsError,
} from '../../core/errors.ts';
import { type HttpRequest, MAX_BODY_BYTES, pageLanguage, RequestError, toRequest } from './request.ts';
import { jsonError, page } from './responses.ts';

type Event = APIGatewayProxyEventV2 & { parsed?: HttpRequest };
type Result = APIGatewayProxyStructuredResultV2;

/** Options of the HTTP edge middleware. */
export interface EdgeOptions {
  readonly allowedOrigins?: readonly string[];
  readonly log: Log;
  /** Largest body accepted (default MAX_BODY_BYTES); larger ones get `413`. */
  readonly maxBodyBytes?: number;
  /** Answer browsers' errors with a page (default); off: always the JSON error body. */
  readonly errorPages?: boolean;
  /** With it, requests carrying this origin secret are taken to come through CloudFront (see toRequest). */
  readonly originSecret?: string;
}

const defaults = { allowedOrigins: [] as readonly string[], maxBodyBytes: MAX_BODY_BYTES, errorPages: true };

/**
 * The one place where errors become HTTP answers, as middy's http-error-handler does: errors under 500 reach the
 * caller (a page for browsers, the contract's JSON for everyone else), anything else gets a generic body and a
 * log line. Also parses the request and adds CORS headers for the configured origins.
 */
export function httpEdge(options: EdgeOptions): middy.MiddlewareObj<Event, Result> {
  const { allowedOrigins, log, maxBodyBytes, errorPages, originSecret } = { ...defaults, ...options };

  const httpEdgeBefore: middy.MiddlewareFn<Event, Result> = (request) => {
    request.event.parsed = toRequest(request.event, {
      maxBodyBytes,
      ...(originSecret === undefined ? {} : { originSecret }),
    });
  };

  const httpEdgeAfter: middy.MiddlewareFn<Event, Result> = (request) => {
    const origin = request.event.headers?.origin ?? request.event.headers?.Origin;
    if (request.response && origin && allowedOrigins.includes(origin)) {
      request.response.headers = {
        ...request.response.headers,
        'Access-Control-Allow-Origin': origin,
        Vary: 'Origin',
      };
    }
  };

  const httpEdgeOnError: middy.MiddlewareFn<Event, Result> = (request) => {
    const error = request.error;
    const parsed = request.event.parsed;
    const html = errorPages && (parsed?.wantsHtml ?? false);
    const lang = parsed ? pageLanguage(parsed) : 'en';
    const answer = (status: number, code: string, message: string, headers: Record<string, string> = {}): Result => {
      const r = html ? page(status, lang, { page: 'error', status }) : jsonError(status, code, message);
      return { ...r, headers: { ...r.headers, ...headers } };
    };
    if (error instanceof RequestError) request.response = answer(error.status, error.code, error.message);
    else if (error instanceof InvalidInputError) request.response = answer(400, error.code, error.message);
    else if (error instanceof NotFoundError) request.response = answer(404, error.code, error.message);
    else if (error instanceof ConflictError) request.response = answer(409, error.code, error.message);
    else if (error instanceof InvalidTokenError) {
      log.info('invalid token', { reason: error.reason });
      request.response = html
        ? page(400, lang, { page: 'invalidLink' })
        : jsonError(400, 'invalid_token', 'the link is invalid or has expired');
    } else if (error instanceof TooManyRequestsError) {
      request.response = answer(429, 'too_many_requests', 'too many requests; try again later', {
        'Retry-After': String(error.retryAfterSeconds),
      });
    } else {
      log.error('request failed', { error: error as Error });
      request.response = answer(500, 'internal_error', 'something went wrong; please try again later');
    }
    return httpEdgeAfter(request);
  };

  return { before: httpEdgeBefore, after: httpEdgeAfter, onError: httpEdgeOnError };
}
