import * as z from 'zod/mini';
import { LANGUAGES } from './language.ts';
import { signupAnswersSchema } from './signup-form.ts';

// The messages our queues carry, each declared once: its producer builds the inferred type and its consumer parses
// the schema, so the two cannot drift apart. None carries state beyond what its consumer needs, and no address in
// a delivery message (readers are named by subscriber id).

/** The longest source page a confirmation request keeps (the producer cuts it to fit). */
export const SOURCE_MAX = 512;

/** One subscribe request waiting for its e-mail (see sendConfirmation); carries no state of the address. */
export const confirmationRequestSchema = z.object({
  /** Unique per request: the subscription and the mailbox's cooldown slot remember which request they answer. */
  requestId: z.string().check(z.regex(/^[0-9a-f-]{36}$/)),
  /** The normalised address, sealed to this request for the confirmation mailer (`r1.…`, never in clear). */
  address: z.string().check(z.maxLength(1024), z.regex(/^r1\.[A-Za-z0-9_-]{1,16}\.[A-Za-z0-9_-]+$/)),
  language: z.enum(LANGUAGES),
  /**
   * Keyed hash of the client's network (see consentNetwork). Optional: a request queued before networks were kept
   * carries none (its `ipHash` and `userAgent` are dropped by the parse: unknown keys are stripped).
   */
  networkHash: z.optional(z.string().check(z.maxLength(64))),
  source: z.string().check(z.maxLength(SOURCE_MAX)),
  textVersion: z.string().check(z.maxLength(64)),
  /** When subscribe took the request (epoch ms): a request older than the address's erasure is not mailed. */
  requestedAt: z.optional(z.number().check(z.int(), z.positive())),
  /** The signup form's answers beyond email and language (core/signup-form.ts), within the form's own limits. */
  answers: z.optional(signupAnswersSchema),
});

/** A confirmation request as the confirmation queue carries it. */
export type ConfirmationRequest = Readonly<z.infer<typeof confirmationRequestSchema>>;

/** An edition as the send queue's messages name it: an ISO week like `2026-W48`. */
const editionSchema = z.string().check(z.regex(/^\d{4}-W\d{2}$/));

/** The most readers one delivery message may name (dispatch's batches are far smaller). */
export const BATCH_IDS_MAX = 500;

/**
 * One delivery queue message: readers (subscriber ids) of one edition and language, as dispatch planned them or the
 * deliverer put them back. `deferrals`/`deferredSince` are set when the deliverer put the batch back to wait out SES
 * (how many times, since when, epoch ms); `recheck` marks a re-check (see `recheckSchema`).
 */
export const deliveryBatchSchema = z.object({
  edition: editionSchema,
  language: z.enum(LANGUAGES),
  ids: z.readonly(
    z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))).check(z.minLength(1), z.maxLength(BATCH_IDS_MAX)),
  ),
  deferrals: z.optional(z.number().check(z.int(), z.nonnegative())),
  deferredSince: z.optional(z.number().check(z.int(), z.positive())),
  recheck: z.optional(z.literal(true)),
});

/** A delivery batch as the delivery queue carries it (a re-check included). */
export type DeliveryBatch = Readonly<z.infer<typeof deliveryBatchSchema>>;

/**
 * A re-check: the readers whose delivery another consumer held, looked at once more after the claim timeout, on the
 * delivery queue; a re-check is never re-checked again.
 */
export const recheckSchema = z.extend(deliveryBatchSchema, { recheck: z.literal(true) });

/** A re-check as the deliverer queues it. */
export type Recheck = Readonly<z.infer<typeof recheckSchema>>;

/**
 * The send queue's other message: look whether the edition is complete (then its summary and the report e-mail).
 * `reads` counts the checks that read the delivery records and found the edition incomplete.
 */
export const completionCheckSchema = z.object({
  edition: editionSchema,
  check: z.literal('completion'),
  reads: z.optional(z.number().check(z.int(), z.nonnegative())),
});

/** A completion check as the send queue carries it. */
export type CompletionCheck = Readonly<z.infer<typeof completionCheckSchema>>;

/** Every message of the send queue (producers: dispatch, the deliverer's put-backs and re-checks, completion). */
export const sendMessageSchema = z.union([completionCheckSchema, deliveryBatchSchema]);

/** A message of the send queue. */
export type SendMessage = DeliveryBatch | CompletionCheck;
