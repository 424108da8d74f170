import { createServer, request } from 'node:http';
import { listenLocally } from '../test/support/listen.ts';

/**
 * An HTTP proxy that adds `ms` to every call: half before the request reaches `target`, half before its answer goes
 * back (SES's own latency, which the local stand-in does not have). Nothing else changes.
 */
export async function startLatencyProxy(target: string, ms: number) {
  const upstream = new URL(target);
  const wait = () => new Promise((resolve) => setTimeout(resolve, ms / 2));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      await wait();
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          const back: Buffer[] = [];
          up.on('data', (c: Buffer) => back.push(c));
          up.on('end', async () => {
            await wait();
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(Buffer.concat(back));
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  return listenLocally(server);
}
