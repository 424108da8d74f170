import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { MAX_INBOUND_BYTES } from '../functions/adapters/mime-mail.ts';
import type { InboundOutcome } from '../functions/app/inbound-mail.ts';
import type { InboundProcessor } from '../functions/wiring/inbound.ts';
import type { StandIn } from './stand-ins.ts';

/** One message the stand-in received, as the local home page lists it. */
export interface ReceivedMail {
  readonly at: number;
  readonly recipients: readonly string[];
  readonly bytes: number;
  readonly outcome: InboundOutcome | { action: 'failed' };
}

/** The running SMTP stand-in and what it received (newest last, at most 200). */
export interface SmtpStandIn extends StandIn {
  readonly received: readonly ReceivedMail[];
}

const KEEP = 200;

/**
 * The inbound-mail stand-in of `npm start` (SES receiving on AWS): plain SMTP on 127.0.0.1 that hands every message
 * to the same processor as the receiving function. It accepts what that function would see, even oversized mail,
 * which it reads no further than the limit, counts as dropped and refuses with 552; a processing error is a 451
 * (the sender retries, as SES retries the function).
 */
export async function startSmtp(options: { port?: number; process: InboundProcessor }): Promise<SmtpStandIn> {
  const received: ReceivedMail[] = [];
  const remember = (mail: ReceivedMail) => {
    received.push(mail);
    if (received.length > KEEP) received.shift();
  };
  const server = new SMTPServer({
    banner: 'Belarus Weekly inbound-mail stand-in',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Announce no limit, so an oversized message is still streamed (and counted) instead of refused unseen.
    size: MAX_INBOUND_BYTES,
    hideSize: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        if (bytes <= MAX_INBOUND_BYTES) chunks.push(chunk);
        bytes += chunk.length;
      });
      stream.on('end', () => {
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const oversized = stream.sizeExceeded || bytes > MAX_INBOUND_BYTES;
        options.process({ raw: Buffer.concat(chunks), oversized }, { recipients, sender }).then(
          (outcome) => {
            remember({ at: Date.now(), recipients, bytes, outcome });
            if (!oversized) return callback();
            callback(Object.assign(new Error('message exceeds fixed maximum message size'), { responseCode: 552 }));
          },
          () => {
            remember({ at: Date.now(), recipients, bytes, outcome: { action: 'failed' } });
            callback(Object.assign(new Error('temporary failure, try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    endpoint: `smtp://127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
