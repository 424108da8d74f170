import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';
// @ts-expect-error dynalite ships no type declarations
import dynalite from 'dynalite';

type SesServer = (config: { host: string; port: number }) => Promise<Server>;
// A CommonJS module: its `default` export sits on the module object when loaded from ESM.
const sesLocal: SesServer =
  (sesModule as unknown as { default?: SesServer }).default ?? (sesModule as unknown as SesServer);

/** A running stand-in: its endpoint and how to stop it. */
export interface StandIn {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The SDK's agent keeps idle sockets with no timeout of its own; a server that closes them after Node's 5 s default
 * races a request sent on one at that moment (ECONNRESET, "socket hang up"), which a busy machine makes likely: the
 * bench's send floor died of it in CI. The stand-ins keep idle connections open; close() still ends them.
 */
function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = 0;
}

function closer(server: { close(cb: (err?: Error) => void): void }): () => Promise<void> {
  return () => new Promise((resolve) => server.close(() => resolve()));
}

/** Starts dynalite on 127.0.0.1 (port 0: any free one); with `path`, data persists in LevelDB there. */
export async function startDynalite(options: { port?: number; path?: string } = {}): Promise<StandIn> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  keepIdleConnections(server);
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, port, close: closer(server) };
}

/** Starts aws-ses-v2-local (SES v2 API and inbox viewer) on 127.0.0.1. */
export async function startSes(options: { port?: number } = {}): Promise<StandIn> {
  const server = await sesLocal({ host: '127.0.0.1', port: options.port ?? 0 });
  keepIdleConnections(server);
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, port, close: closer(server) };
}
