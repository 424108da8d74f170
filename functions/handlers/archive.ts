import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ARCHIVE_HEADERS, renderArchiveIndex } from '../../templates/archive.ts';
import { renderAtomFeed } from '../../templates/atom.ts';
import { DynamoArchiveStore } from '../adapters/dynamo/archive-store.ts';
import { createDocumentClient } from '../adapters/dynamo/client.ts';
import { loadConfig } from '../app/config.ts';
import { outletFrom } from '../app/outlet.ts';
import { isEdition } from '../core/edition.ts';
import { isLanguage, type Language } from '../core/language.ts';
import { jsonError, page } from './http/responses.ts';

// No secrets and no SES: the archive only reads what dispatch published.
const config = loadConfig(process.env);
const archive = new DynamoArchiveStore(createDocumentClient(), config.TABLE_NAME);
const outlet = outletFrom(config);
const LIST_LIMIT = 200;

/** Sent editions never change: a day in shared caches; the listing and the feed grow each week. */
const EDITION_CACHE = 'public, max-age=3600, s-maxage=86400';
const LISTING_CACHE = 'public, max-age=300';

type Result = APIGatewayProxyStructuredResultV2;

/** A browser that followed a link gets a page in the path's language; other clients the contract's JSON. */
function notFound(event: APIGatewayProxyEventV2): Result {
  const accept = event.headers?.accept ?? event.headers?.Accept ?? '';
  const language = event.pathParameters?.language;
  if (/text\/html/.test(accept))
    return page(404, isLanguage(language) ? language : 'en', { page: 'error', status: 404 });
  return jsonError(404, 'not_found', 'no such edition in this language');
}

/** `HEAD` answers as `GET` would, without the body. */
export async function handler(event: APIGatewayProxyEventV2): Promise<Result> {
  const answer = await serve(event);
  return event.requestContext?.http?.method === 'HEAD' ? { ...answer, body: '' } : answer;
}

/**
 * `GET /archive/{language}` (the sent editions, newest first), `GET /archive/{language}/{edition}` (that edition's
 * web version as stored at dispatch, no re-render) and `GET /archive/{language}/feed.xml` (Atom). Only languages
 * the newsletter is sent in; an edition not sent yet is `404`.
 */
async function serve(event: APIGatewayProxyEventV2): Promise<Result> {
  const language = event.pathParameters?.language;
  const edition = event.pathParameters?.edition;
  if (!isLanguage(language) || !config.LANGUAGES.includes(language)) return notFound(event);
  const lang: Language = language;
  if (edition === 'feed.xml') {
    const entries = await archive.list(lang, LIST_LIMIT);
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': LISTING_CACHE },
      body: renderAtomFeed(lang, entries, outlet),
    };
  }
  if (edition === undefined) {
    const entries = await archive.list(lang, LIST_LIMIT);
    const body = renderArchiveIndex(lang, entries, outlet, config.LANGUAGES);
    return {
      statusCode: 200,
      headers: { ...ARCHIVE_HEADERS, 'Cache-Control': LISTING_CACHE, 'Content-Language': lang },
      body,
    };
  }
  if (!isEdition(edition)) return notFound(event);
  const entry = await archive.get(lang, edition);
  if (!entry) return notFound(event);
  return {
    statusCode: 200,
    headers: { ...ARCHIVE_HEADERS, 'Cache-Control': EDITION_CACHE, 'Content-Language': lang },
    body: entry.html,
  };
}
