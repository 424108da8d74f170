import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'feeds');

/** A local feed server with the fixtures, and the requests it received. */
export interface FeedServer {
  readonly url: string;
  /** Request paths with the conditional headers they carried. */
  readonly requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  /** Replaces what a path serves (an updated feed). */
  serve(path: string, body: string | Buffer, type?: string): void;
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves a body with an ETag (a version counter and the length) and a Last-Modified that moves with the version,
 * answering 304 when they match; If-None-Match, when sent, decides alone (RFC 9110).
 */
function validated(body: () => { bytes: Buffer; type: string; version: number }, validators = true): Route {
  return (req, res) => {
    const { bytes, type, version } = body();
    const etag = `"${version}-${bytes.length}"`;
    const lastModified = new Date(Date.UTC(2026, 10, 27, 12) + (version - 1) * 3_600_000).toUTCString();
    const ifNoneMatch = req.headers['if-none-match'];
    const fresh = ifNoneMatch ? ifNoneMatch === etag : req.headers['if-modified-since'] === lastModified;
    if (validators && fresh) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': type,
      ...(validators ? { etag, 'last-modified': lastModified } : {}),
    });
    res.end(bytes);
  };
}

/** Starts the feed server on 127.0.0.1 (a free port). */
export async function startFeedServer(): Promise<FeedServer> {
  const files = new Map<string, { bytes: Buffer; type: string; version: number }>();
  const file = (path: string, name: string, type: string) =>
    files.set(path, { bytes: readFileSync(join(FIXTURES, name)), type, version: 1 });
  file('/en/rss.xml', 'rss.xml', 'application/rss+xml; charset=utf-8');
  file('/be/atom.xml', 'atom.xml', 'application/atom+xml');
  file('/ru/feed.json', 'feed.json', 'application/feed+json');
  file('/ru/cp1251.xml', 'cp1251.xml', 'text/xml');
  file('/malformed.xml', 'malformed.xml', 'application/xml');
  const served = (path: string) => () => {
    const f = files.get(path);
    if (!f) throw new Error(`no fixture at ${path}`);
    return f;
  };
  const routes: Record<string, Route> = {
    '/en/rss.xml': validated(served('/en/rss.xml')),
    '/be/atom.xml': validated(served('/be/atom.xml')),
    '/ru/feed.json': validated(served('/ru/feed.json')),
    // No validators at all: only the body hash tells that nothing changed.
    '/ru/cp1251.xml': validated(served('/ru/cp1251.xml'), false),
    '/malformed.xml': validated(served('/malformed.xml')),
    '/big.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const item = `<item><title>x</title><link>https://e.example/${'x'.repeat(900)}</link></item>\n`;
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>');
      // About 6 MB, without a Content-Length: the cap must hold while reading.
      for (let i = 0; i < 6 * 1024; i++) res.write(item);
      res.end('</channel></rss>');
    },
    '/error': (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    },
    '/slow': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0">');
      // Never ends on its own; the client's timeout must.
    },
    '/page.html': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Not a feed</title>');
    },
    '/moved': (_req, res) => {
      res.writeHead(301, { location: '/en/rss.xml' });
      res.end();
    },
    // Redirects wherever `to` says (a redirect that tries to reach the host's own network).
    '/redirect': (req, res) => {
      res.writeHead(302, { location: new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/' });
      res.end();
    },
    '/loop': (req, res) => {
      const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? 0);
      res.writeHead(302, { location: `/loop?n=${n + 1}` });
      res.end();
    },
  };
  const requests: FeedServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({
      path,
      ...(req.headers['if-none-match'] ? { ifNoneMatch: req.headers['if-none-match'] } : {}),
      ...(req.headers['if-modified-since'] ? { ifModifiedSince: req.headers['if-modified-since'] } : {}),
    });
    // A path given by serve() alone is served like the fixtures.
    const route = routes[path] ?? (files.has(path) ? validated(served(path)) : undefined);
    if (!route) {
      res.writeHead(404);
      res.end();
      return;
    }
    route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    serve(path, body, type) {
      const old = files.get(path);
      files.set(path, {
        bytes: Buffer.from(body),
        type: type ?? old?.type ?? 'application/xml',
        version: (old?.version ?? 0) + 1,
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
