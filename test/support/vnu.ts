import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One message of the W3C Nu HTML Checker. */
export interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly message: string;
  readonly extract?: string;
  /** Which document (the name it was checked under). */
  readonly document: string;
}

// vnu-jar exports the jar's path as a String object.
const JAR = String(createRequire(import.meta.url)('vnu-jar'));

/**
 * Runs the W3C Nu HTML Checker (vnu-jar, Java) once over several documents (name → HTML) and returns its errors
 * and warnings, each naming its document. `.ci/run` installs a Java runtime when there is none.
 */
export async function vnu(documents: Record<string, string>): Promise<VnuMessage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vnu-'));
  const files = Object.entries(documents).map(([name, html], i) => {
    const file = join(dir, `${i}.html`);
    writeFileSync(file, html);
    return { name, file };
  });
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('java', ['-jar', JAR, '--format', 'json', '--stdout', ...files.map((f) => f.file)]);
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString('utf8');
      });
      child.on('error', reject);
      child.on('close', () => resolve(text));
    });
    const { messages } = JSON.parse(out) as { messages: (Omit<VnuMessage, 'document'> & { url?: string })[] };
    const byFile = new Map(files.map((f) => [`file:${f.file}`, f.name]));
    return messages.map(({ url, ...m }) => ({ ...m, document: byFile.get(url ?? '') ?? url ?? '?' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
