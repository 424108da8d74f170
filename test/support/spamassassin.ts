import { spawn } from 'node:child_process';

/** SpamAssassin's verdict on one message: its score and the rules that fired. */
export interface SpamVerdict {
  readonly score: number;
  readonly tests: string[];
}

// Local rules only (no DNS or network tests), no Bayes or auto-welcome list: the same message scores the same.
const ARGS = ['--local', '--cf=use_bayes 0', '--cf=use_auto_whitelist 0', '--cf=score TXREP 0'];

/** Runs `spamassassin --local` on a raw message and reads its X-Spam-Status header. */
export function spamAssassin(raw: string): Promise<SpamVerdict> {
  return new Promise((resolve, reject) => {
    const child = spawn('spamassassin', ARGS, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', () => {
      const header = /^X-Spam-Status: (.*(?:\r?\n[ \t].*)*)/m.exec(out)?.[1]?.replace(/\s+/g, ' ');
      const score = header ? /score=(-?[\d.]+)/.exec(header)?.[1] : undefined;
      if (!header || score === undefined) return reject(new Error(`no X-Spam-Status from spamassassin: ${err}`));
      const tests = (/tests=(\S*)/.exec(header)?.[1] ?? '').split(',').filter((t) => t && t !== 'none');
      resolve({ score: Number(score), tests });
    });
    child.stdin.end(raw);
  });
}
