import { connect, type Socket } from 'node:net';

/** One SMTP reply: its code and text. */
export interface SmtpReply {
  readonly code: number;
  readonly text: string;
}

/** Reads complete SMTP replies (multi-line `250-…` continued up to the `250 …` line) from a socket. */
function replies(socket: Socket): () => Promise<SmtpReply> {
  let buffer = '';
  let lines: string[] = [];
  const ready: SmtpReply[] = [];
  const waiting: ((r: SmtpReply) => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let nl = buffer.indexOf('\r\n'); nl >= 0; nl = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 2);
      lines.push(line);
      if (line[3] === '-') continue;
      const reply = { code: Number(line.slice(0, 3)), text: lines.map((l) => l.slice(4)).join('\n') };
      lines = [];
      const next = waiting.shift();
      if (next) next(reply);
      else ready.push(reply);
    }
  });
  return () => {
    const r = ready.shift();
    return r ? Promise.resolve(r) : new Promise((resolve) => waiting.push(resolve));
  };
}

/**
 * Sends one message over plain SMTP (as a mail provider would to SES receiving) and returns the reply to the end of
 * DATA, or the first refusal. Lines get CRLF endings and dot-stuffing.
 */
export async function sendSmtp(
  port: number,
  envelope: { from: string; to: readonly string[] },
  message: string | Buffer,
): Promise<SmtpReply> {
  const socket = connect(port, '127.0.0.1');
  const next = replies(socket);
  const command = async (line: string) => {
    socket.write(`${line}\r\n`);
    return next();
  };
  try {
    const greeting = await next();
    if (greeting.code !== 220) return greeting;
    for (const line of [
      'EHLO mx.example.net',
      `MAIL FROM:<${envelope.from}>`,
      ...envelope.to.map((t) => `RCPT TO:<${t}>`),
    ]) {
      const reply = await command(line);
      if (reply.code >= 400) return reply;
    }
    const go = await command('DATA');
    if (go.code !== 354) return go;
    const body = Buffer.isBuffer(message) ? message : Buffer.from(message.replace(/\r?\n/g, '\r\n'));
    const stuffed = body.toString('latin1').replace(/(^|\r\n)\./g, '$1..');
    socket.write(Buffer.from(stuffed.endsWith('\r\n') ? stuffed : `${stuffed}\r\n`, 'latin1'));
    const done = await command('.');
    await command('QUIT');
    return done;
  } finally {
    socket.end();
  }
}
