import * as z from 'zod/mini';
import { DEFAULT_BRAND_COLOUR } from '../../templates/common.ts';
import { DEFAULT_TIME_ZONE } from '../core/edition.ts';
import { ConfigError } from '../core/errors.ts';
import { LANGUAGES } from '../core/language.ts';
import { DEFAULT_SCHEDULE } from '../core/weekly-schedule.ts';

const positiveInt = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.positive()), fallback);
const list = z.pipe(
  z.string(),
  z.transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
);
const httpUrl = z.url({ protocol: /^https?$/ });
const json = z.pipe(
  z.string(),
  z.transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.issues.push({ code: 'custom', message: 'must be JSON', input: s });
      return z.NEVER;
    }
  }),
);

/** Every environment variable any function reads, validated at cold start (all bad keys reported at once). */
export const configSchema = z
  .object({
    TABLE_NAME: z.string().check(z.minLength(3)),
    /** `Name <address>` or a bare address; the From of every e-mail. */
    SENDER_EMAIL: z.string().check(z.minLength(3)),
    /** Base of the links in e-mails and pages, without a trailing slash. */
    PUBLIC_URL: z.pipe(
      httpUrl,
      z.transform((u) => u.replace(/\/+$/, '')),
    ),
    /** Secrets: on AWS a Secrets Manager ARN; locally the same JSON inline. Exactly one is set. */
    SECRET_ARN: z.optional(z.string().check(z.minLength(20))),
    SECRETS_JSON: z.optional(z.string().check(z.minLength(2))),
    ALLOWED_ORIGINS: z._default(list, []),
    CONFIRM_TOKEN_TTL_HOURS: positiveInt(7 * 24),
    PENDING_EXPIRY_HOURS: positiveInt(7 * 24),
    MAIL_COOLDOWN_SECONDS: positiveInt(120),
    MAIL_MAX_PER_DAY: positiveInt(5),
    SUBSCRIBE_RATE_LIMIT: positiveInt(10),
    SUBSCRIBE_RATE_WINDOW_SECONDS: positiveInt(600),
    CONSENT_TEXT_VERSION: z._default(z.string().check(z.minLength(1)), '2026-11-v1'),
    PRIVACY_URL: z.optional(httpUrl),
    SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
    /** RFC 2919 List-Id, e.g. `weekly.example.org`. */
    LIST_ID: z._default(z.string().check(z.regex(/^[A-Za-z0-9.-]+$/)), 'weekly.newsletter.invalid'),
    TIMEZONE: z._default(z.string().check(z.minLength(1)), DEFAULT_TIME_ZONE),
    LANGUAGES: z._default(z.pipe(list, z.array(z.enum(LANGUAGES)).check(z.minLength(1))), [...LANGUAGES]),
    /** JSON like `{"be":["ru"]}`: the languages whose commentaries stand in when one has none. */
    LANGUAGE_FALLBACKS: z._default(z.pipe(json, z.partialRecord(z.enum(LANGUAGES), z.array(z.enum(LANGUAGES)))), {}),
    /** The outlet's site (signup, articles); default PUBLIC_URL. */
    SITE_URL: z.optional(httpUrl),
    /** The masthead's colour, `#rrggbb`. */
    BRAND_COLOUR: z._default(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)), DEFAULT_BRAND_COLOUR),
    /** The contact address and postal address every e-mail's footer names. */
    CONTACT_EMAIL: z.optional(z.string().check(z.regex(/^[^\s@<>]+@[^\s@<>]+$/))),
    POSTAL_ADDRESS: z.optional(z.string().check(z.minLength(3), z.maxLength(300))),
    /** JSON like `{"be":"Беларусь за тыдзень"}`: the From display name per reader language (default: the brand). */
    SENDER_NAMES: z._default(
      z.pipe(json, z.partialRecord(z.enum(LANGUAGES), z.string().check(z.minLength(1), z.maxLength(100)))),
      {},
    ),
    /** The weekly send's schedule expression, for the welcome e-mail's "every Friday at 09:00". */
    SCHEDULE: z._default(z.string().check(z.minLength(6)), DEFAULT_SCHEDULE.awsExpression),
    /** JSON like `{"en":["https://example.org/en/rss.xml"]}`: each language's RSS, Atom or JSON feeds. */
    FEEDS: z._default(z.pipe(json, z.partialRecord(z.enum(LANGUAGES), z.array(httpUrl).check(z.maxLength(20)))), {}),
    /** JSON like `{"worse":"worse"}`: feed categories (any case) that stand for a trend instead of a topic. */
    FEED_TRENDS: z._default(z.pipe(json, z.record(z.string(), z.enum(['better', 'worse', 'unchanged']))), {}),
    /** Who gets the preview before each send and the report after it (comma-separated addresses). */
    EDITOR_EMAILS: z._default(z.pipe(list, z.array(z.email()).check(z.maxLength(50))), []),
    QUEUE_URL: z.optional(httpUrl),
    /** The queue of confirmation e-mails subscribe hands its requests to; without it they are mailed in-process. */
    CONFIRM_QUEUE_URL: z.optional(httpUrl),
    /** The dispatch function the editors' `send` starts (its name or ARN). */
    DISPATCH_FUNCTION_NAME: z.optional(z.string().check(z.minLength(1))),
    /** Recipients per queue message; the deliverer accepts at most 500. */
    BATCH_SIZE: z._default(z.coerce.number().check(z.int(), z.positive(), z.maximum(500)), 50),
    /**
     * A delivery claimed longer ago than this is taken as abandoned by a consumer that died. It must exceed the
     * deliverer's timeout (no live invocation still holds it) and stay below the queue's visibility timeout.
     */
    DELIVER_CLAIM_TIMEOUT_SECONDS: positiveInt(180),
    /** E-mails a second one deliverer invocation hands SES: the account's rate over the deliverer's concurrency. */
    DELIVER_SEND_RATE: z.optional(z.coerce.number().check(z.positive(), z.maximum(50_000))),
    /**
     * Shards of the sending index and of the delivery records. Fixed for a deployment: readers are indexed under the
     * shard count in force when their record was written, so changing it needs every confirmed reader re-indexed.
     */
    SHARDS: positiveInt(8),
  })
  .check(
    z.refine((c) => (c.SECRET_ARN === undefined) !== (c.SECRETS_JSON === undefined), {
      message: 'set exactly one of SECRET_ARN and SECRETS_JSON',
      path: ['SECRET_ARN'],
    }),
  );

/** The validated configuration. */
export type Config = z.output<typeof configSchema>;

/** Parses the environment or throws one ConfigError naming every bad key. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const keys = result.error.issues.map((i) => {
      const why =
        i.code === 'invalid_type'
          ? 'is missing or has the wrong type'
          : i.message === 'Invalid input'
            ? `is invalid (${i.code})`
            : i.message;
      return `${i.path.join('.') || '(env)'} ${why}`;
    });
    throw new ConfigError(`invalid configuration: ${keys.join('; ')}`);
  }
  return result.data;
}
