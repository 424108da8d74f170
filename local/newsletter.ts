import { CliError, runCli } from './cli.ts';

// The editors' CLI: a client of the editors' API (the npm start stack by default, or --api / --outputs).
const tty = process.stderr.isTTY;
try {
  const code = await runCli(process.argv.slice(2), process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: (line) => (tty ? process.stderr.write(`\r${line}   `) : undefined),
  });
  if (tty) process.stderr.write('\n');
  process.exit(code);
} catch (error) {
  const known = error instanceof CliError || error instanceof TypeError;
  console.error(`newsletter: ${known ? (error as Error).message : String(error)}`);
  process.exit(1);
}
