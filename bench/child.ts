import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/** A helper process started with tsx, speaking JSON messages over IPC. */
export interface Child<Ready> {
  readonly ready: Ready;
  /** Sends a request and resolves with the child's answer to it. */
  ask<T>(message: { type: string; [k: string]: unknown }): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts `bench/<file>` in its own Node process (the same Node binary as this one), so the stand-ins and servers
 * get their own core and event loop, as DynamoDB, SES and Lambda do; resolves once it sends `{type: 'ready'}`.
 */
export async function startChild<Ready>(file: string, env: Record<string, string> = {}): Promise<Child<Ready>> {
  const proc: ChildProcess = fork(join(import.meta.dirname, file), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CHILD_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map<number, (value: unknown) => void>();
  const ready = await new Promise<Ready>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
    proc.on('message', (m: { type: string; id?: number; value?: unknown }) => {
      if (m.type === 'ready') resolve(m.value as Ready);
      else if (m.type === 'answer' && m.id !== undefined) pending.get(m.id)?.(m.value);
    });
  });
  return {
    ready,
    ask<T>(message: { type: string; [k: string]: unknown }) {
      const id = ++seq;
      return new Promise<T>((resolve) => {
        pending.set(id, resolve as (value: unknown) => void);
        proc.send({ ...message, id });
      });
    },
    close() {
      return new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.removeAllListeners('exit');
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    },
  };
}

/** In a child: answers requests from the parent with `handle`. */
export function serveParent(handle: (message: { type: string; [k: string]: unknown }) => Promise<unknown>): void {
  process.on('message', async (m: { type: string; id: number }) => {
    process.send?.({ type: 'answer', id: m.id, value: await handle(m) });
  });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}
