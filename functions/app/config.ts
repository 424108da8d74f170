import * as z from 'zod/mini';
import { DEFAULT_BRAND_COLOUR } from '../../templates/common.ts';
import { DEFAULT_TIME_ZONE } from '../core/edition.ts';
import { ConfigError } from '../core/errors.ts';
import { LANGUAGES } from '../core/language.ts';
import { DEFAULT_SCHEDULE } from '../core/weekly-schedule.ts';
import { type FieldIssue, fallback, optional, type Parsed, parseFields, required } from './fields.ts';

const positiveInt = (value: number) => fallback(() => z.coerce.number().check(z.int(), z.positive()), value);
const list = () =>
  z.pipe(
    z.string(),
    z.transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  );
const httpUrl = () => z.url({ protocol: /^https?$/ });
const json = () =>
  z.pipe(
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
const FIELDS = {
  TABLE_NAME: required(() => z.string().check(z.minLength(3))),
  /** `Name <address>` or a bare address; the From of every e-mail. */
  SENDER_EMAIL: required(() => z.string().check(z.minLength(3))),
  /** Base of the links in e-mails and pages, without a trailing slash. */
  PUBLIC_URL: required(() =>
    z.pipe(
      httpUrl(),
      z.transform((u) => u.replace(/\/+$/, '')),
    ),
  ),
  /** Secrets: on AWS a Secrets Manager ARN; locally the same JSON inline. Exactly one is set. */
  SECRET_ARN: optional(() => z.string().check(z.minLength(20))),
  SECRETS_JSON: optional(() => z.string().check(z.minLength(2))),
  /** The customer-managed KMS key that wraps the address data keys (AWS; locally the secret's wrappingKey). */
  ADDRESS_KEY_ARN: optional(() => z.string().check(z.minLength(20))),
  ALLOWED_ORIGINS: fallback(() => list(), []),
  CONFIRM_TOKEN_TTL_HOURS: positiveInt(7 * 24),
  PENDING_EXPIRY_HOURS: positiveInt(7 * 24),
  MAIL_COOLDOWN_SECONDS: positiveInt(120),
  MAIL_MAX_PER_DAY: positiveInt(5),
  SUBSCRIBE_RATE_LIMIT: positiveInt(10),
  /** K: a reader whose digest soft-bounced in this many consecutive editions is suppressed (core/soft-bounce.ts). */
  SOFT_BOUNCE_LIMIT: positiveInt(3),
  SUBSCRIBE_RATE_WINDOW_SECONDS: positiveInt(600),
  /** Account-wide ceiling on confirmation e-mails per clock hour; past it they wait for the next hour. */
  CONFIRMATIONS_PER_HOUR: positiveInt(300),
  CONSENT_TEXT_VERSION: fallback(() => z.string().check(z.minLength(1)), '2026-11-v1'),
  PRIVACY_URL: optional(() => httpUrl()),
  SES_CONFIGURATION_SET: optional(() => z.string().check(z.minLength(1))),
  /** The SES identity the sender's address sends under (a domain or the address); default: that address. */
  SES_IDENTITY: optional(() => z.string().check(z.minLength(3))),
  /**
   * Local runner only: the SES stand-in has no `GetEmailIdentity`, so `true` / `false` stands in for SES's answer
   * on the sender's identity. Unset on AWS (SES is asked).
   */
  LOCAL_SENDER_VERIFIED: optional(() => z.enum(['true', 'false'])),
  /** RFC 2919 List-Id, e.g. `weekly.example.org`. */
  LIST_ID: fallback(() => z.string().check(z.regex(/^[A-Za-z0-9.-]+$/)), 'weekly.newsletter.invalid'),
  /** The domain SES receives mail for: readers' mailto unsubscribe addresses and feedback reports. Optional. */
  INBOUND_DOMAIN: optional(() => z.string().check(z.regex(/^(?=.{1,200}$)([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$/))),
  /** The bucket SES receiving stores messages in, and the key prefix it writes them under (receiving function). */
  INBOUND_BUCKET: optional(() => z.string().check(z.minLength(3))),
  INBOUND_PREFIX: fallback(() => z.string(), ''),
  /**
   * Feedback-loop senders (comma-separated domains; subdomains included) whose reports, when they passed SPF or DKIM
   * for that domain, may name a reader by Original-Rcpt-To alone; any other report needs the signed address.
   */
  FEEDBACK_LOOP_DOMAINS: fallback(
    () => z.pipe(list(), z.array(z.string().check(z.regex(/^([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$/)))),
    ['mail.ru', 'yahoo.com', 'yahoo.net', 'yandex.ru', 'aol.com'],
  ),
  TIMEZONE: fallback(() => z.string().check(z.minLength(1)), DEFAULT_TIME_ZONE),
  LANGUAGES: fallback(() => z.pipe(list(), z.array(z.enum(LANGUAGES)).check(z.minLength(1))), [...LANGUAGES]),
  /** JSON like `{"be":["ru"]}`: the languages whose commentaries stand in when one has none. */
  LANGUAGE_FALLBACKS: fallback(
    () => z.pipe(json(), z.partialRecord(z.enum(LANGUAGES), z.array(z.enum(LANGUAGES)))),
    {},
  ),
  /** The outlet's site (signup, articles); default PUBLIC_URL. */
  SITE_URL: optional(() => httpUrl()),
  /** The masthead's colour, `#rrggbb`. */
  BRAND_COLOUR: fallback(() => z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)), DEFAULT_BRAND_COLOUR),
  /** The contact address and postal address every e-mail's footer names. */
  CONTACT_EMAIL: optional(() => z.string().check(z.regex(/^[^\s@<>]+@[^\s@<>]+$/))),
  POSTAL_ADDRESS: optional(() => z.string().check(z.minLength(3), z.maxLength(300))),
  /** JSON like `{"be":"Беларусь за тыдзень"}`: the From display name per reader language (default: the brand). */
  SENDER_NAMES: fallback(
    () => z.pipe(json(), z.partialRecord(z.enum(LANGUAGES), z.string().check(z.minLength(1), z.maxLength(100)))),
    {},
  ),
  /** The weekly send's schedule expression, for the welcome e-mail's "every Friday at 09:00". */
  SCHEDULE: fallback(() => z.string().check(z.minLength(6)), DEFAULT_SCHEDULE.awsExpression),
  /** JSON like `{"en":["https://example.org/en/rss.xml"]}`: each language's RSS, Atom or JSON feeds. */
  FEEDS: fallback(
    () => z.pipe(json(), z.partialRecord(z.enum(LANGUAGES), z.array(httpUrl()).check(z.maxLength(20)))),
    {},
  ),
  /** JSON like `{"worse":"worse"}`: feed categories (any case) that stand for a trend instead of a topic. */
  FEED_TRENDS: fallback(() => z.pipe(json(), z.record(z.string(), z.enum(['better', 'worse', 'unchanged']))), {}),
  /** Who gets the preview before each send and the report after it (comma-separated addresses). */
  EDITOR_EMAILS: fallback(() => z.pipe(list(), z.array(z.email()).check(z.maxLength(50))), []),
  QUEUE_URL: optional(() => httpUrl()),
  /** The queue of confirmation e-mails subscribe hands its requests to; without it they are mailed in-process. */
  CONFIRM_QUEUE_URL: optional(() => httpUrl()),
  /** The dispatch function the editors' `send` starts (its name or ARN). */
  DISPATCH_FUNCTION_NAME: optional(() => z.string().check(z.minLength(1))),
  /** Recipients per queue message; the deliverer accepts at most 500. */
  BATCH_SIZE: fallback(() => z.coerce.number().check(z.int(), z.positive(), z.maximum(500)), 50),
  /**
   * A delivery claimed longer ago than this is taken as abandoned by a consumer that died. It must exceed the
   * deliverer's timeout (no live invocation still holds it) and stay below the queue's visibility timeout.
   */
  DELIVER_CLAIM_TIMEOUT_SECONDS: positiveInt(180),
  /** E-mails a second one deliverer invocation hands SES: the account's rate over the deliverer's concurrency. */
  DELIVER_SEND_RATE: optional(() => z.coerce.number().check(z.positive(), z.maximum(50_000))),
  /**
   * Shards of the sending index and of the delivery records. Fixed for a deployment: readers are indexed under the
   * shard count in force when their record was written, so changing it needs every confirmed reader re-indexed.
   */
  SHARDS: positiveInt(8),
};

/** The validated configuration. */
export type Config = Parsed<typeof FIELDS>;

function why(issue: FieldIssue): string {
  if (issue.code === 'invalid_type') return 'is missing or has the wrong type';
  return issue.message === 'Invalid input' ? `is invalid (${issue.code})` : issue.message;
}

/**
 * Checks the environment, building the schema of each variable that is set (see fields.ts): the configuration,
 * or one problem per bad key (naming the key, never its value).
 */
export function checkConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: Config } | { ok: false; problems: string[] } {
  const { data, issues } = parseFields(FIELDS, env);
  const problems = issues.map((i) => `${i.path.map(String).join('.')} ${why(i)}`);
  // Checked once every variable parsed, as the object schema's refinement was.
  if (problems.length === 0 && (env.SECRET_ARN === undefined) === (env.SECRETS_JSON === undefined))
    problems.push('SECRET_ARN set exactly one of SECRET_ARN and SECRETS_JSON');
  return problems.length === 0 ? { ok: true, config: data } : { ok: false, problems };
}

/** Parses the environment or throws one ConfigError naming every bad key. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const checked = checkConfig(env);
  if (!checked.ok) throw new ConfigError(`invalid configuration: ${checked.problems.join('; ')}`);
  return checked.config;
}
