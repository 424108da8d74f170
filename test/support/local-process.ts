import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** `npm start` running in its own process, with its data in `<cwd>/.data`. */
export interface LocalProcess {
  readonly apiUrl: string;
  readonly sesUrl: string;
  readonly dynamoUrl: string;
  /** What it printed up to its banner's end. */
  readonly banner: string;
  stop(): Promise<void>;
}

/** Where the project's code comes from (default this checkout) and what the process's environment adds. */
export interface LocalProcessOptions {
  readonly root?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Starts `local/server.ts` (what `npm start` runs) in `cwd` on free ports and waits for its banner; a fresh process
 * reads `.data/secrets.json` again, as a restart does. Its own stand-ins, whatever endpoints this process uses.
 */
export function startLocalProcess(cwd: string, options: LocalProcessOptions = {}): Promise<LocalProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    PORT: '0',
    DYNAMODB_PORT: '0',
    SES_PORT: '0',
    SMTP_PORT: '0',
  };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_ENDPOINT_URL')) delete env[name];
  const root = options.root ?? ROOT;
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(root, 'local', 'server.ts')], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const api = output.match(/Home page and API\s+(http:\S+?)\/\s/)?.[1];
      const ses = output.match(/Inbox viewer \(SES\)\s+(http:\S+?)\/\s/)?.[1];
      const dynamo = output.match(/DynamoDB stand-in\s+(http:\S+)\s/)?.[1];
      if (api && ses && dynamo && output.includes('Press Ctrl-C to stop.'))
        resolve({ apiUrl: api, sesUrl: ses, dynamoUrl: dynamo, banner: output, stop: () => stop(child) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`local runner exited with ${code}: ${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
