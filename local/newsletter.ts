import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, InvalidInputError } from '../functions/core/errors.ts';
import { CliError, runCli } from './cli.ts';
import { defaultPorts, localEnvironment } from './env.ts';

// The CLI talks to the stack of `npm start` on its default (or configured) ports, with its data folder's secret.
const ports = defaultPorts();
if (!existsSync(join('.data', 'secrets.json')) && process.argv[2] !== '--help') {
  console.error('newsletter: no local data yet; run `npm start` first (in another terminal)');
  process.exit(1);
}
const env = {
  ...process.env,
  ...localEnvironment({
    apiUrl: `http://127.0.0.1:${ports.api}`,
    dynamoEndpoint: `http://127.0.0.1:${ports.dynamo}`,
    sesEndpoint: `http://127.0.0.1:${ports.ses}`,
    dataDir: '.data',
  }),
};
Object.assign(process.env, env);

const tty = process.stderr.isTTY;
try {
  const code = await runCli(process.argv.slice(2), env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: (line) => (tty ? process.stderr.write(`\r${line}   `) : undefined),
  });
  if (tty) process.stderr.write('\n');
  process.exit(code);
} catch (error) {
  const known = error instanceof CliError || error instanceof InvalidInputError || error instanceof ConfigError;
  const refused =
    (error as { code?: string }).code === 'ECONNREFUSED' || /ECONNREFUSED/.test(String((error as Error).message));
  console.error(
    `newsletter: ${refused ? 'cannot reach the local stack; is `npm start` running?' : known ? (error as Error).message : String(error)}`,
  );
  process.exit(1);
}
