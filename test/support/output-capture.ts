import { format } from 'node:util';

/** What this process printed while a capture was on. */
export interface OutputCapture {
  /** Everything written to stdout and stderr, and every console call, in order. */
  text(): string;
  /** Puts the original writers back; the text stays readable. */
  restore(): void;
}

type Write = typeof process.stdout.write;
const CONSOLE = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Records every byte this process prints from now on: process.stdout / process.stderr writes (the Powertools logger
 * and EMF lines) and console calls (which the test runner may route past those streams); printed too with `echo`.
 */
export function captureOutput(options: { echo?: boolean } = {}): OutputCapture {
  const echo = options.echo ?? false;
  const chunks: string[] = [];
  const record = (chunk: unknown) =>
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((s) => s.write);
  for (const [i, stream] of streams.entries()) {
    const original = writes[i] as Write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      record(chunk);
      if (!echo) {
        const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        if (done) queueMicrotask(done);
        return true;
      }
      return (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as Write;
  }
  const consoles = CONSOLE.map((name) => console[name]);
  for (const [i, name] of CONSOLE.entries()) {
    const original = consoles[i] as (...args: unknown[]) => void;
    console[name] = (...args: unknown[]) => {
      record(`${format(...args)}\n`);
      if (echo) original.apply(console, args);
    };
  }
  return {
    text: () => chunks.join(''),
    restore() {
      for (const [i, stream] of streams.entries()) stream.write = writes[i] as Write;
      for (const [i, name] of CONSOLE.entries()) console[name] = consoles[i] as (...args: unknown[]) => void;
    },
  };
}
