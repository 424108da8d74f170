// autocannon ships no type declarations; this covers what the benchmark uses.
declare module 'autocannon' {
  /** One request of autocannon's pipeline; setupRequest may rewrite it before each send. */
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: Request) => Request;
  }
  /** The statistics autocannon reports for latency (ms) and throughput. */
  export interface Stats {
    average: number;
    p50: number;
    p99: number;
    max: number;
  }
  /** The outcome of one autocannon run. */
  export interface Result {
    latency: Stats;
    requests: Stats & { total: number };
    statusCodeStats: Record<string, { count: number }>;
    errors: number;
    timeouts: number;
    duration: number;
  }
  /** Runs a load test. */
  export default function autocannon(options: {
    url: string;
    connections: number;
    duration: number;
    requests: Request[];
  }): Promise<Result>;
}
