import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';

let stack: LocalStack | undefined;
afterAll(async () => {
  await stack?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** GET `path`, retried until a connection is accepted; says whether it connected before `started()` was true. */
function getWhenListening(port: number, path: string, started: () => boolean) {
  return new Promise<{ status: number; body: string; early: boolean }>((resolve, reject) => {
    const attempt = () => {
      let early = false;
      const req = request({ host: '127.0.0.1', port, path }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, early }));
      });
      req.on('socket', (socket) =>
        socket.on('connect', () => {
          early = !started();
        }),
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'ECONNREFUSED' ? setTimeout(attempt, 2) : reject(error),
      );
      req.end();
    };
    attempt();
  });
}

describe('the local runner while it starts', () => {
  it('answers a request that arrives after it listens but before its routes are loaded', async () => {
    const port = await freePort();
    let started = false;
    const starting = startLocalStack({ port }).then((s) => {
      started = true;
      stack = s;
      return s;
    });
    // Without an answer the request would hang for ever: the test timeout fails it.
    const answer = await getWhenListening(port, '/robots.txt', () => started);
    await starting;
    expect(answer.early).toBe(true);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('User-agent');
  });
});
