import { createRequire } from 'node:module';
import { startDynalite, startSes } from '../local/stand-ins.ts';
import { serveParent } from './child.ts';

// The SES stand-in keeps what it was sent in this module; the same instance its server uses.
const sesStore = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as {
  getStoreReadonly(): { emails: { destination: { to: string[] } }[] };
  clearStore(): void;
};

const dynamo = await startDynalite();
const ses = await startSes();

serveParent(async (m) => {
  if (m.type === 'count') {
    const { emails } = sesStore.getStoreReadonly();
    const recipients = new Set(emails.flatMap((e) => e.destination.to));
    return { emails: emails.length, recipients: recipients.size };
  }
  if (m.type === 'clear') return sesStore.clearStore();
  throw new Error(`unknown request ${m.type}`);
});
process.send?.({ type: 'ready', value: { dynamo: dynamo.endpoint, ses: ses.endpoint } });
