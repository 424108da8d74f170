import { createServer, request, type Server, type ServerResponse } from 'node:http';
import { listenLocally } from './listen.ts';

/**
 * Decides the fate of one SES call: pass it on; answer with an error like SES does without passing it on; or pass
 * it on and lose the answer (`accepted-500`: SES accepted, the client sees a 500; `accepted-drop`: SES accepted,
 * the connection is cut before the answer). `unverified` answers the MessageRejected SES gives while the sender's
 * identity is not verified, naming the request's From address; `quota` SES v2's answer once the account's 24-hour
 * sending quota is spent.
 */
export type Fault =
  | 'pass'
  | 'throttle'
  | 'server-error'
  | 'reject'
  | 'blocked'
  | 'unverified'
  | 'quota'
  | 'accepted-500'
  | 'accepted-drop';

/** A small HTTP proxy in front of the SES stand-in that injects the faults the stand-in cannot produce. */
export interface FaultProxy {
  readonly endpoint: string;
  readonly counts: Record<Fault, number>;
  close(): Promise<void>;
}

type Answered = Exclude<Fault, 'pass' | 'accepted-500' | 'accepted-drop'>;

const ANSWERS: Record<Answered, { status: number; type: string; message: (from: string) => string }> = {
  throttle: { status: 429, type: 'TooManyRequestsException', message: () => 'Maximum sending rate exceeded.' },
  quota: { status: 400, type: 'LimitExceededException', message: () => 'Daily message quota exceeded.' },
  'server-error': { status: 500, type: 'InternalFailure', message: () => 'Internal failure' },
  reject: { status: 400, type: 'MessageRejected', message: () => 'Email address is on the suppression list' },
  blocked: { status: 400, type: 'SendingPausedException', message: () => 'Sending is paused for this account.' },
  unverified: {
    status: 400,
    type: 'MessageRejected',
    message: (from) =>
      `Email address is not verified. The following identities failed the check in region EU-WEST-1: ${from}`,
  },
};

function answer(res: ServerResponse, fault: Answered, from: string): void {
  const a = ANSWERS[fault];
  res.writeHead(a.status, { 'content-type': 'application/json', 'x-amzn-errortype': a.type });
  res.end(JSON.stringify({ message: a.message(from) }));
}

/** Starts the proxy on 127.0.0.1; `decide` sees each request's path and parsed JSON body. */
export async function startFaultProxy(
  target: string,
  decide: (path: string, body: unknown) => Fault,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const counts = Object.fromEntries(
    ['pass', 'accepted-500', 'accepted-drop', ...Object.keys(ANSWERS)].map((f) => [f, 0]),
  ) as Record<Fault, number>;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
      const fault = decide(req.url ?? '', body);
      counts[fault]++;
      if (fault !== 'pass' && fault !== 'accepted-500' && fault !== 'accepted-drop') {
        answer(res, fault, String((body as { FromEmailAddress?: string } | undefined)?.FromEmailAddress ?? ''));
        return;
      }
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          if (fault === 'pass') {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
            return;
          }
          // Upstream has the request; its answer is lost on the way back.
          up.resume();
          up.on('end', () => {
            if (fault === 'accepted-drop') res.socket?.destroy();
            else answer(res, 'server-error', '');
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(raw);
    });
  });
  const { endpoint, close } = await listenLocally(server);
  return { endpoint, counts, close };
}
