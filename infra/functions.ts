import { Duration } from 'aws-cdk-lib';
import { KEY_PREFIX } from '../functions/adapters/dynamo/keys.ts';
import { TABLE } from '../functions/adapters/dynamo/table.ts';
import type { FunctionSpec } from './function-spec.ts';
import type { EntryName } from './lambda.ts';
import { ROUTES } from './routes.ts';

export type { DataAccess, FunctionSpec } from './function-spec.ts';

// User-facing: enough memory (hence CPU) for a quick cold start; API Gateway gives up after 30 s anyway.
const HTTP = { memorySize: 512, timeout: Duration.seconds(10) } as const;
/** The deliverer's timeout; the send queue's visibility timeout derives from it. */
export const DELIVER_TIMEOUT = Duration.seconds(60);

/** Every function, what it serves and what it may touch (least privilege: nothing beyond what its code calls). */
export const FUNCTIONS: Record<EntryName, FunctionSpec> = {
  subscribe: {
    ...HTTP,
    description: 'POST /subscribe and the check-your-inbox page',
    ...ROUTES.subscribe,
    access: {
      // Only its rate-limit counters (read back after a retried hit): the request goes to the confirmation queue
      // without reading the address's state.
      items: ['UpdateItem', 'GetItem'],
      leadingKeys: [KEY_PREFIX.rateLimit],
      readSecret: true,
      sendMail: false,
    },
  },
  'send-confirmation': {
    memorySize: 512,
    timeout: Duration.seconds(30),
    description: 'Mails the confirmation of each queued subscribe request (cooldown per mailbox, ceiling per hour)',
    access: {
      // UpdateItem: the hourly ceiling's counter (CEILING#), an atomic conditional ADD.
      items: ['GetItem', 'PutItem', 'UpdateItem'],
      leadingKeys: [KEY_PREFIX.subscriber, KEY_PREFIX.readerCount, KEY_PREFIX.mailbox, KEY_PREFIX.ceiling],
      readSecret: true,
      sendMail: true,
      // Seals the address into the subscription it creates.
      openAddresses: true,
    },
  },
  confirm: {
    ...HTTP,
    description: 'Double opt-in confirmation page and action, and the welcome e-mail after it',
    ...ROUTES.confirm,
    access: {
      // The subscription; the welcome: a conditional claim (PutItem), its outcome (UpdateItem) or release
      // (DeleteItem), the archive's latest-edition pointer (GetItem), and one e-mail.
      items: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
      leadingKeys: [
        KEY_PREFIX.subscriber,
        KEY_PREFIX.readerCount,
        KEY_PREFIX.welcome,
        KEY_PREFIX.archiveLatest,
        KEY_PREFIX.readerWeek,
      ],
      readSecret: true,
      sendMail: true,
      // The welcome e-mail goes to the reader's sealed address.
      openAddresses: true,
    },
  },
  unsubscribe: {
    ...HTTP,
    description: 'Unsubscribe page, RFC 8058 one-click unsubscribe, language change',
    ...ROUTES.unsubscribe,
    access: {
      // The subscription, and the week's set of unsubscribed readers (a set ADD) for the report's weekly counts.
      items: ['GetItem', 'PutItem', 'UpdateItem'],
      leadingKeys: [KEY_PREFIX.subscriber, KEY_PREFIX.readerCount, KEY_PREFIX.readerWeek],
      readSecret: true,
      sendMail: false,
    },
  },
  erase: {
    ...HTTP,
    description: "The e-mails' erase link: a page (GET) and its button (POST), the admin erase for the reader",
    ...ROUTES.erase,
    access: {
      // As the admin erase: the suppression marker put and the subscription deleted (SUB#), the delivery records
      // read (BatchGetItem) and replaced by anonymous ones (BatchWriteItem), the reader taken out of the editions'
      // bounce and complaint sets and the weeks' reader sets (UpdateItem with DELETE), the welcome records queried
      // and deleted, the mailbox's cooldown log deleted, the readers' counters moved (COUNT#). No address is read:
      // no decrypt, no SES.
      items: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'Query'],
      leadingKeys: [
        KEY_PREFIX.subscriber,
        KEY_PREFIX.readerCount,
        KEY_PREFIX.delivery,
        KEY_PREFIX.feedback,
        KEY_PREFIX.welcome,
        KEY_PREFIX.mailbox,
        KEY_PREFIX.readerWeek,
      ],
      readSecret: true,
      sendMail: false,
    },
  },
  admin: {
    memorySize: 512,
    // API Gateway gives up after 30 s; a send is only started here (the dispatcher runs on its own).
    timeout: Duration.seconds(29),
    description: "The editors' API under /admin/ (IAM-authorized)",
    ...ROUTES.admin,
    access: {
      // Import and holds put, releases and erasure delete, the report queries the edition's delivery records
      // until its summary is stored and reads the bounce and complaint sets (BatchGetItem), stats read the
      // readers' counters (BatchGetItem) and their one-off backfill scans the subscriptions; Query on the two indexes for the digests and the dry run's reader
      // counts. Export reads a reader's delivery records of every edition in one BatchGetItem, erasure deletes them
      // with BatchWriteItem and takes the reader out of the sets (UpdateItem with DELETE).
      items: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'Query', 'Scan'],
      queryIndexes: [TABLE.sendingIndex.name, TABLE.editionIndex.name],
      readSecret: true,
      // Test copies.
      sendMail: true,
      // `send` is refused while SES does not let the sender's identity send.
      checkSender: true,
      // The export of one reader's data shows their address.
      openAddresses: true,
    },
  },
  widget: {
    memorySize: 256,
    timeout: Duration.seconds(5),
    description: 'The embeddable signup widget (script and style), robots.txt and favicon.ico',
    ...ROUTES.widget,
  },
  archive: {
    memorySize: 256,
    timeout: Duration.seconds(10),
    description: 'The public archive: sent editions per language, their web versions and Atom feeds',
    ...ROUTES.archive,
    access: {
      // Reads what dispatch published: one item per edition, one Query on the language's partition for the listing.
      // Both in ARCHIVE#<language>; the latest-edition pointer (ARCHIVE-LATEST#) is the welcome's, read by confirm.
      items: ['GetItem', 'Query'],
      leadingKeys: [KEY_PREFIX.archive],
      readSecret: false,
      sendMail: false,
    },
  },
  desk: {
    memorySize: 256,
    timeout: Duration.seconds(5),
    description: "The editors' desk: its page, hashed script and style, and its sign-in configuration",
    ...ROUTES.desk,
    // No access: it reads only its DESK_* sign-in settings; the browser calls /admin/ with the group's credentials.
  },
  dispatch: {
    memorySize: 1024,
    // The longest Lambda allows: pages of 500 readers (ten queue messages, one SendMessageBatch) with a checkpoint
    // each; a list too long for one run is resumed by the schedule's retry once the lease has run out.
    timeout: Duration.minutes(15),
    description: 'Starts an edition send: renders the digests and queues the recipients',
    access: {
      // Query only on the two indexes (confirmed readers by shard, commentaries by edition), never the base table.
      items: ['GetItem', 'PutItem', 'UpdateItem'],
      queryIndexes: [TABLE.sendingIndex.name, TABLE.editionIndex.name],
      readSecret: true,
      sendMail: false,
      // No send starts (nor resumes) while SES does not let the sender's identity send.
      checkSender: true,
    },
  },
  prepare: {
    memorySize: 512,
    // Feeds are fetched in parallel, each within 10 s; then the digests, the reader counts and the previews.
    timeout: Duration.minutes(5),
    description: "Pulls the feeds and mails the editors' preview with the hold link (the second schedule)",
    access: {
      // Feed state and commentaries are put, holds read; Query on the two indexes for the digests and reader counts.
      items: ['GetItem', 'PutItem'],
      queryIndexes: [TABLE.sendingIndex.name, TABLE.editionIndex.name],
      readSecret: true,
      sendMail: true,
    },
  },
  repermission: {
    memorySize: 512,
    // Batches of re-permission steps while a minute is left (app/import-list/repermission-run.ts); the rest: next day.
    timeout: Duration.minutes(5),
    description: "The imports' re-permission steps due now: the e-mail, the reminder, the erasure (the daily schedule)",
    access: {
      // The steps' queue (REPERM: Query in due order, put the next step, take this one: a conditional claim, then a
      // delete), the reader read and, unanswered, deleted (SUB#), its counters moved (COUNT#); mails the sealed address.
      items: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'],
      leadingKeys: [KEY_PREFIX.subscriber, KEY_PREFIX.readerCount, 'REPERM'],
      readSecret: true,
      sendMail: true,
      openAddresses: true,
    },
  },
  hold: {
    ...HTTP,
    description: "The preview e-mail's hold link: a page (GET) and its button (POST)",
    ...ROUTES.hold,
    access: {
      // Reads the hold and the send record, puts the hold: all in the edition's SEND# partition.
      items: ['GetItem', 'PutItem'],
      leadingKeys: [KEY_PREFIX.send],
      readSecret: true,
      sendMail: false,
    },
  },
  deliver: {
    memorySize: 1024,
    timeout: DELIVER_TIMEOUT,
    description: 'Sends queued batches of the weekly digest through SES',
    access: {
      // GetItem re-reads each reader right before sending; claims and outcomes are conditional updates; DeleteItem
      // removes the claim of a reader erased while the batch was on its way. When the queue runs dry, one deliverer
      // takes the completion lease (UpdateItem); the delayed check queries the edition's delivery records (until it
      // puts the edition's summary) and reads the bounce and complaint sets and the week's reader sets
      // (BatchGetItem); the report e-mail takes (or, after a failed mail, deletes) its once-only mark. No scan.
      items: ['GetItem', 'BatchGetItem', 'UpdateItem', 'DeleteItem', 'PutItem', 'Query'],
      readSecret: true,
      sendMail: true,
      openAddresses: true,
    },
  },
  'ses-events': {
    memorySize: 256,
    timeout: Duration.seconds(30),
    description: 'Applies SES bounces and complaints',
    access: {
      // The reader, its delivery record and the edition's bounce and complaint sets (a set ADD), nothing else.
      items: ['GetItem', 'PutItem', 'UpdateItem'],
      leadingKeys: [KEY_PREFIX.subscriber, KEY_PREFIX.readerCount, KEY_PREFIX.delivery, KEY_PREFIX.feedback],
      // It derives subscriber ids from the secret's id key to find the reader an event is about.
      readSecret: true,
      sendMail: false,
    },
  },
  inbound: {
    // More memory (and so CPU) than the others: it parses messages of up to 1 MB (MAX_INBOUND_BYTES).
    memorySize: 512,
    timeout: Duration.seconds(30),
    description: 'SES receiving: mailto unsubscribes and feedback reports (ARF) of the inbound domain',
    access: {
      // The reader a mail unsubscribes or complains about, and the week's set of unsubscribed readers; nothing else.
      items: ['GetItem', 'PutItem', 'UpdateItem'],
      leadingKeys: [KEY_PREFIX.subscriber, KEY_PREFIX.readerCount, KEY_PREFIX.readerWeek],
      // It verifies the readers' unsubscribe addresses and derives ids from Original-Rcpt-To.
      readSecret: true,
      sendMail: false,
    },
  },
};
