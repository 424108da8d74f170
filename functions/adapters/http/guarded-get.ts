import { lookup as systemLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';

/** Finds the address a host name connects to (the system resolver by default). */
export type Resolve = (hostname: string) => Promise<string>;

/** Resolves with the system resolver, as `fetch` would. */
export const systemResolve: Resolve = async (hostname) => (await systemLookup(hostname)).address;

/** The connection was refused before it was made: the address is not one this fetch may reach. */
export class BlockedAddressError extends Error {
  constructor() {
    super('address not allowed');
    this.name = 'BlockedAddressError';
  }
}

/** Options of one GET. */
export interface GuardedGetOptions {
  readonly headers: Record<string, string>;
  readonly signal: AbortSignal;
  /** Whether the connection may go to this IP address; checked on the address actually connected to. */
  readonly allows: (address: string) => boolean;
  readonly resolve: Resolve;
}

/** The host of a URL as an address or a name, without IPv6 brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');

/**
 * One GET (no redirects followed) whose connection goes only to an address `allows` accepts: a host name is
 * resolved when the socket connects and the socket connects to that checked address, so a name that resolves
 * differently between a check and the connection (DNS rebinding) cannot slip through. Answers a web Response.
 */
export function guardedGet(url: URL, options: GuardedGetOptions): Promise<Response> {
  const host = hostOf(url);
  if (isIP(host) && !options.allows(host)) return Promise.reject(new BlockedAddressError());
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    options.resolve(hostname).then(
      (address) => {
        if (!options.allows(address)) return callback(new BlockedAddressError(), '', 0);
        const family = isIP(address);
        if (lookupOptions.all)
          (callback as (e: null, all: { address: string; family: number }[]) => void)(null, [{ address, family }]);
        else callback(null, address, family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers: options.headers, signal: options.signal, lookup, agent: false });
    req.on('error', reject);
    req.on('response', (res) => resolve(toResponse(res)));
    req.end();
  });
}

function toResponse(res: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const status = res.statusCode ?? 502;
  const empty = status === 204 || status === 304;
  if (empty) res.resume();
  const body = empty ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
  return new Response(body, { status, headers });
}
