import { type SpawnOptions, spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCES = ['functions', 'templates', 'local', 'infra', 'desk'];
const GENERATED = [`${sep}.data`, `${sep}cdk.out`];

/**
 * A throwaway copy of the project's sources in a temporary folder (node_modules linked, not copied), for a test that
 * changes what only a build reads (a catalogue, say) without touching the repository's files. Build it with `run`.
 */
export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'project-copy-'));
  const filter = (src: string) => !GENERATED.some((g) => src.includes(g));
  for (const name of SOURCES) cpSync(join(ROOT, name), join(dir, name), { recursive: true, filter });
  for (const name of ['package.json', 'tsconfig.json']) copyFileSync(join(ROOT, name), join(dir, name));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs `tsx <script> ...args` in `cwd`; resolves with the exit code and what it printed, never rejects on a code. */
export function runTsx(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; out: string; err: string }> {
  const options: SpawnOptions = { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] };
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [...args], options);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}
