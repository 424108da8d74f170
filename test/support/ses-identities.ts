import { createServer, type Server } from 'node:http';
import { listenLocally } from './listen.ts';

/** SES's GetEmailIdentity on a local port, and the identities it was asked about. */
export interface IdentityStandIn {
  readonly endpoint: string;
  readonly asked: string[];
  close(): Promise<void>;
}

const PATH = /^\/v2\/email\/identities\/([^/?]+)$/;

/**
 * aws-ses-v2-local does not implement SES v2 `GetEmailIdentity` (`GET /v2/email/identities/{identity}`: it answers
 * 404 UnknownOperationException). This answers it as SES does, from `identities` (identity → whether it may send:
 * `VerifiedForSendingStatus`, with the `VerificationStatus` SES gives beside it); an identity SES does not know gets
 * SES's 404 NotFoundException, and any other operation UnknownOperationException (the stand-in serves those).
 */
export async function startIdentityStandIn(identities: Readonly<Record<string, boolean>>): Promise<IdentityStandIn> {
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
    res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnknownOperationException' });
    res.end('{}');
  });
  const { endpoint, close } = await listenLocally(server);
  return { endpoint, asked, close };
}
