import { createServer, request, type Server } from 'node:http';
import { listenLocally } from './listen.ts';

/** A proxy in front of the SES stand-in that also answers GetEmailIdentity, and the identities it was asked about. */
export interface IdentityProxy {
  readonly endpoint: string;
  readonly asked: string[];
  close(): Promise<void>;
}

const PATH = /^\/v2\/email\/identities\/([^/?]+)$/;

/**
 * aws-ses-v2-local does not implement SES v2 `GetEmailIdentity` (`GET /v2/email/identities/{identity}`: it answers
 * 404 UnknownOperationException). This proxy answers it as SES does, from `identities` (identity → whether it may
 * send: `VerifiedForSendingStatus`, with the `VerificationStatus` SES gives beside it); an identity SES does not know
 * gets SES's 404 NotFoundException. Every other request goes on to the stand-in at `target`.
 */
export async function startIdentityProxy(
  target: string,
  identities: Readonly<Record<string, boolean>>,
): Promise<IdentityProxy> {
  const upstream = new URL(target);
  const asked: string[] = [];
  const server: Server = createServer((req, res) => {
    const identity = req.method === 'GET' ? PATH.exec(req.url ?? '')?.[1] : undefined;
    if (identity !== undefined) {
      const name = decodeURIComponent(identity);
      asked.push(name);
      const verified = identities[name];
      if (verified === undefined) {
        res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'NotFoundException' });
        res.end(JSON.stringify({ message: `Email identity ${name} does not exist.` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          IdentityType: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
          FeedbackForwardingStatus: true,
          VerifiedForSendingStatus: verified,
          VerificationStatus: verified ? 'SUCCESS' : 'PENDING',
          Tags: [],
        }),
      );
      return;
    }
    const forward = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  const { endpoint, close } = await listenLocally(server);
  return { endpoint, asked, close };
}
