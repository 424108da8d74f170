import { createInterface } from 'node:readline/promises';
import { CliError, runCli } from './cli.ts';

/** A question on the terminal (send asks before mailing the current week). */
async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

// The editors' CLI: a client of the editors' API (the npm start stack by default, or --api / --outputs).
const tty = process.stderr.isTTY;
try {
  const code = await runCli(process.argv.slice(2), process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: (line) => (tty ? process.stderr.write(`\r${line}   `) : undefined),
    ...(process.stdin.isTTY && tty ? { ask } : {}),
  });
  if (tty) process.stderr.write('\n');
  process.exit(code);
} catch (error) {
  const known = error instanceof CliError || error instanceof TypeError;
  console.error(`newsletter: ${known ? (error as Error).message : String(error)}`);
  process.exit(1);
}
