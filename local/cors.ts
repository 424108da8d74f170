import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CORS } from '../infra/routes.ts';

/**
 * What API Gateway's `corsPreflight` does on AWS, emulated for the local runner only (the functions add no CORS
 * headers): answers the preflight, and adds the allowed origin to the API's answers for that origin.
 */
export class CorsEmulation {
  private readonly origins: readonly string[];

  constructor(allowedOrigins: string) {
    this.origins = allowedOrigins.split(',').filter((o) => o !== '');
  }

  /** True when `origin` is one of the allowed origins. */
  allows(origin: string | undefined): origin is string {
    return origin !== undefined && this.origins.includes(origin);
  }

  /** The headers of a preflight (`OPTIONS`) answer; none for an origin that is not allowed. */
  preflight(origin: string | undefined): Record<string, string> {
    if (!this.allows(origin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': CORS.allowMethods.join(','),
      'Access-Control-Allow-Headers': CORS.allowHeaders.join(','),
      'Access-Control-Max-Age': String(CORS.maxAgeSeconds),
      Vary: 'Origin',
    };
  }

  /** The function's answer with the CORS headers API Gateway adds for an allowed origin. */
  answer(result: APIGatewayProxyStructuredResultV2, origin: string | undefined): APIGatewayProxyStructuredResultV2 {
    if (!this.allows(origin)) return result;
    return { ...result, headers: { ...result.headers, 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } };
  }
}
