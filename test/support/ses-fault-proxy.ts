import { createServer, request, type Server } from 'node:http';
import { listenLocally } from './listen.ts';

/** Decides the fate of one SendEmail call: pass it on, or answer with an error like SES does. */
export type Fault = 'pass' | 'throttle' | 'server-error' | 'reject' | 'blocked';

/** A small HTTP proxy in front of the SES stand-in that injects the faults the stand-in cannot produce. */
export interface FaultProxy {
  readonly endpoint: string;
  readonly counts: Record<Fault, number>;
  close(): Promise<void>;
}

const ANSWERS: Record<Exclude<Fault, 'pass'>, { status: number; type: string; message: string }> = {
  throttle: { status: 429, type: 'TooManyRequestsException', message: 'Maximum sending rate exceeded.' },
  'server-error': { status: 500, type: 'InternalFailure', message: 'Internal failure' },
  reject: { status: 400, type: 'MessageRejected', message: 'Email address is on the suppression list' },
  blocked: { status: 400, type: 'SendingPausedException', message: 'Sending is paused for this account.' },
};

/** Starts the proxy on 127.0.0.1; `decide` sees each request's path and parsed JSON body. */
export async function startFaultProxy(
  target: string,
  decide: (path: string, body: unknown) => Fault,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const counts: Record<Fault, number> = { pass: 0, throttle: 0, 'server-error': 0, reject: 0, blocked: 0 };
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
      if (fault !== 'pass') {
        const a = ANSWERS[fault];
        res.writeHead(a.status, { 'content-type': 'application/json', 'x-amzn-errortype': a.type });
        res.end(JSON.stringify({ message: a.message }));
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
      forward.end(raw);
    });
  });
  const { endpoint, close } = await listenLocally(server);
  return { endpoint, counts, close };
}
