import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Log } from '../../app/ports/log.ts';
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
  readonly log: Log;
  /** Largest body accepted (default MAX_BODY_BYTES); larger ones get `413`. */
  readonly maxBodyBytes?: number;
  /**
   * How errors are answered: `negotiated` (the default) gives a page to browsers that navigated here and the
   * contract's JSON to everyone else; `page` always a page (routes that browsers open from a mail link); `json`
   * always the JSON error body (the editors' API).
   */
  readonly errors?: 'negotiated' | 'page' | 'json';
  /** With it, requests carrying this origin secret are taken to come through CloudFront (see toRequest). */
  readonly originSecret?: string;
}

const defaults = { maxBodyBytes: MAX_BODY_BYTES, errors: 'negotiated' } as const;

/**
 * The one place where errors become HTTP answers, as middy's http-error-handler does: errors under 500 reach the
 * caller (a page or the contract's JSON, see `EdgeOptions.errors`), anything else gets a generic body and a log
 * line. Also parses the request. CORS is not its business: API Gateway answers it (`corsPreflight`), and the local
 * runner emulates that.
 */
export function httpEdge(options: EdgeOptions): middy.MiddlewareObj<Event, Result> {
  const { log, maxBodyBytes, errors, originSecret } = { ...defaults, ...options };

  const httpEdgeBefore: middy.MiddlewareFn<Event, Result> = (request) => {
    const parsed = toRequest(request.event, {
      maxBodyBytes,
      ...(originSecret === undefined ? {} : { originSecret }),
    });
    // HEAD is GET without the body: the handler sees GET (which changes nothing), the body is dropped after.
    request.event.parsed = parsed.method === 'HEAD' ? { ...parsed, method: 'GET' } : parsed;
  };

  const isHead = (event: Event) => event.requestContext?.http?.method?.toUpperCase() === 'HEAD';
  const httpEdgeAfter: middy.MiddlewareFn<Event, Result> = (request) => {
    if (isHead(request.event) && request.response) request.response = { ...request.response, body: '' };
  };

  const httpEdgeOnError: middy.MiddlewareFn<Event, Result> = (request) => {
    const error = request.error;
    const parsed = request.event.parsed;
    const html = errors === 'page' || (errors === 'negotiated' && (parsed?.wantsHtml ?? false));
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
    httpEdgeAfter(request);
  };

  return { before: httpEdgeBefore, after: httpEdgeAfter, onError: httpEdgeOnError };
}
