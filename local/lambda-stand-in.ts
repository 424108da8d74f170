import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The local stand-in of the Lambda Invoke API for the runner's own functions. */
export interface LambdaStandIn {
  readonly endpoint: string;
  /** Resolves once no `Event` invocation is running (those that start meanwhile included). */
  idle(): Promise<void>;
  /** Waits for every invocation still running, then stops. */
  close(): Promise<void>;
}

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * Serves Lambda's Invoke API (`POST /2015-03-31/functions/{name}/invocations`) on 127.0.0.1 for the functions the
 * runner hosts, so code that invokes a function (the editors' `send` starting the dispatcher) runs unchanged with
 * AWS_ENDPOINT_URL_LAMBDA pointed here: an `Event` invocation answers `202` and runs in the background, a
 * `RequestResponse` one answers with the function's result.
 */
export async function startLambdaStandIn(
  functions: Record<string, (payload: unknown) => Promise<unknown>>,
  onError: (name: string, error: unknown) => void,
): Promise<LambdaStandIn> {
  const running = new Set<Promise<unknown>>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const name = decodeURIComponent(INVOKE.exec(new URL(req.url ?? '/', 'http://local').pathname)?.[1] ?? '');
    const fn = req.method === 'POST' ? functions[name.split(':').pop() ?? ''] : undefined;
    if (!fn) {
      res.writeHead(404, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'ResourceNotFoundException' });
      res.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      res.writeHead(400, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'InvalidRequestContentException' });
      res.end(JSON.stringify({ Type: 'User', message: 'payload is not JSON' }));
      return;
    }
    const run = fn(payload);
    if (req.headers['x-amz-invocation-type'] === 'Event') {
      const tracked = run.catch((error: unknown) => onError(name, error)).finally(() => running.delete(tracked));
      running.add(tracked);
      res.writeHead(202, { 'Content-Type': 'application/json' });
      res.end();
      return;
    }
    try {
      const result = await run;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(result ?? null));
    } catch (error) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Amz-Function-Error': 'Unhandled' });
      res.end(JSON.stringify({ errorMessage: String((error as Error).message) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const idle = async () => {
    while (running.size > 0) await Promise.all([...running]);
  };
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    idle,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await idle();
    },
  };
}
