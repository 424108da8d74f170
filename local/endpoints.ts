import type { StandIn } from './stand-ins.ts';

// Endpoints of the stand-ins this process started: in process.env afterwards, but never "set by someone else".
const ownEndpoints = new Set<string>();

/** The endpoint given, or set in `variable`, unless it is one of the stand-ins this process started. */
export function externalEndpoint(given: string | undefined, variable: string): string | undefined {
  const value = given ?? process.env[variable];
  return value && !ownEndpoints.has(value) ? value : undefined;
}

/** An endpoint someone else runs: used as it is, never stopped here. */
export function external(endpoint: string): StandIn {
  return { endpoint, port: Number(new URL(endpoint).port), close: async () => undefined };
}

/** A stand-in this process started, remembered as its own. */
export async function own(standIn: Promise<StandIn>): Promise<StandIn> {
  const started = await standIn;
  ownEndpoints.add(started.endpoint);
  return started;
}
