import * as z from 'zod';
import { LANGUAGES } from '../functions/core/language.ts';
import { DEFAULT_PREPARE_SCHEDULE, DEFAULT_SCHEDULE } from '../functions/core/weekly-schedule.ts';

// Context values arrive as JSON from cdk.json and as strings from `-c key=value`: accept both.
const fromJsonString = (value: unknown) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    const parsed = fromJsonString(v);
    return typeof parsed === 'string'
      ? parsed
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : parsed;
  }, z.array(item));
const number = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number());
const address = z.string().regex(/^[^\s@<>]+@[^\s@<>]+\.[A-Za-z0-9-]{2,}$/, 'must be an e-mail address');
const domain = z.string().regex(/^(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$/, 'must be a domain name');
const origin = z
  .string()
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/, 'must be an origin like https://example.org (no path, no slash)');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Minsk');

/** Every deploy-time setting, read from CDK context (`cdk.json` defaults, `-c key=value` overrides). */
export const stackConfigSchema = z
  .object({
    /** From of every e-mail: `Name <address>` or a bare address. */
    senderEmail: z
      .string({ error: 'is required (e.g. -c senderEmail="Weekly <weekly@example.org>")' })
      .regex(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be "Name <address>" or an address'),
    /** With it, SES verifies the whole domain (Easy DKIM, custom MAIL FROM); without it, only the address. */
    senderDomain: z.optional(domain),
    /** Base of the links in e-mails; default: the HTTP API's own URL. */
    publicUrl: z.optional(z.url({ protocol: /^https$/, error: 'must be an https URL' }).transform(trimSlash)),
    /** The site's privacy notice, linked from the widget and the pages. */
    privacyUrl: z.optional(z.url({ protocol: /^https$/, error: 'must be an https URL' })),
    /** The outlet's site (signup and articles), linked from the archive; default publicUrl. */
    siteUrl: z.optional(z.url({ protocol: /^https$/, error: 'must be an https URL' })),
    /** The e-mails' wordmark colour, `#rrggbb`. */
    brandColour: z.optional(z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #8c2f1b')),
    /** The contact address and postal address every e-mail's footer names. */
    contactEmail: z.optional(address),
    postalAddress: z.optional(z.string().min(3).max(300)),
    /** The From display name per language, e.g. `{"be":"Беларусь за тыдзень"}`; default the brand. */
    senderNames: z.optional(
      z.preprocess(fromJsonString, z.partialRecord(z.enum(LANGUAGES), z.string().min(1).max(100))),
    ),
    allowedOrigins: list(origin).default([]),
    languages: list(z.enum(LANGUAGES))
      .pipe(z.array(z.enum(LANGUAGES)).min(1))
      .default([...LANGUAGES]),
    /** Languages standing in when one has no commentary, e.g. `{"be":["ru"]}`. */
    languageFallbacks: z
      .preprocess(fromJsonString, z.partialRecord(z.enum(LANGUAGES), z.array(z.enum(LANGUAGES))))
      .default({}),
    schedule: z
      .string()
      .regex(/^(cron|rate)\(.+\)$/, 'must be an EventBridge Scheduler cron(...) or rate(...) expression')
      .default(DEFAULT_SCHEDULE.awsExpression),
    timezone: timeZone.default(DEFAULT_SCHEDULE.timezone),
    /** When `prepare` pulls the feeds and mails the editors' preview: default two hours before the send. */
    prepareSchedule: z
      .string()
      .regex(/^(cron|rate)\(.+\)$/, 'must be an EventBridge Scheduler cron(...) or rate(...) expression')
      .default(DEFAULT_PREPARE_SCHEDULE.awsExpression),
    /** Each language's RSS, Atom or JSON feeds, e.g. `{"en":["https://example.org/en/rss.xml"]}`. */
    feeds: z
      .preprocess(fromJsonString, z.partialRecord(z.enum(LANGUAGES), z.array(z.url({ protocol: /^https?$/ })).max(20)))
      .default({}),
    /** Feed categories that stand for a trend, e.g. `{"worse":"worse"}`. */
    feedTrends: z
      .preprocess(fromJsonString, z.record(z.string(), z.enum(['better', 'worse', 'unchanged'])))
      .default({}),
    /** Who gets the preview before each send and the report after it. */
    editorEmails: list(address).default([]),
    /** The account's SES maximum send rate (e-mails per second), see the SES console's "Sending statistics". */
    sesMaxSendRate: number.pipe(z.number().positive().max(50_000)).default(14),
    /** K: consecutive editions whose digest soft-bounced after which a reader is suppressed. */
    softBounceLimit: number.pipe(z.number().int().positive().max(52)).default(3),
    /** Account-wide ceiling on confirmation e-mails per hour; past it they wait for the next hour (alarmed). */
    confirmationsPerHour: number.pipe(z.number().int().positive().max(1_000_000)).default(300),
    /** The address data key that seals from now on (`d<N>`); raising it adds a new key at deploy (rotation). */
    dataKeyVersion: number.pipe(z.number().int().positive().max(999)).default(1),
    alarmEmail: z.optional(address),
    /** Stage-wide request rate (per second) and burst of the HTTP API. */
    apiThrottle: z
      .preprocess(
        fromJsonString,
        z.object({ rate: number.pipe(z.number().positive()), burst: number.pipe(z.number().int().positive()) }),
      )
      .default({ rate: 50, burst: 100 }),
    /** The API on the outlet's own domain (with certificateArn): links in e-mails then use https://<domainName>. */
    domainName: z.optional(domain),
    /** An ACM certificate for domainName, in the stack's region. */
    certificateArn: z.optional(
      z
        .string()
        .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, 'must be an ACM certificate ARN'),
    ),
    /** The domain SES receives mail for (mailto unsubscribe, feedback reports): one under senderDomain, never it. */
    inboundDomain: z.optional(domain),
    /**
     * A second copy (e.g. `staging`) in the same account and region: the stack is then `BelarusWeekly-<stage>`;
     * every physical name is generated per stack, so the copies do not clash.
     */
    stage: z.optional(
      z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,19}$/, 'must be lower-case letters, digits and hyphens (at most 20), e.g. staging'),
    ),
    /**
     * `create` (default): the stack creates and verifies the sender's SES identity. `existing`: another copy in this
     * account and region created it (SES has one identity per domain or address), this one only sends through it.
     */
    senderIdentity: z.enum(['create', 'existing']).default('create'),
    /** In the SES sandbox, recipients must be verified identities too: these are created (and may be mailed). */
    sandboxRecipients: list(address).default([]),
    /** `POST /subscribe`'s own request rate (per second) and burst, below the stage-wide limit. */
    subscribeThrottle: z
      .preprocess(
        fromJsonString,
        z.object({ rate: number.pipe(z.number().positive()), burst: number.pipe(z.number().int().positive()) }),
      )
      .default({ rate: 5, burst: 10 }),
    /**
     * Feedback-loop senders (subdomains included) whose reports, when SES found SPF or DKIM to pass for them, may name
     * a reader by Original-Rcpt-To alone; default the function's own list (Mail.ru, Yahoo, Yandex, AOL).
     */
    feedbackLoopDomains: z.optional(list(domain)),
    /** The editors' desk accounts (Cognito users) and their group, e.g. `[{"email":"a@outlet.org","role":"editor"}]`. */
    editors: z
      .preprocess(fromJsonString, z.array(z.strictObject({ email: address, role: z.enum(['editor', 'data']) })).max(50))
      .default([]),
    /** The desk's sign-in domain, `<prefix>.auth.<region>.amazoncognito.com` (globally unique); default from the stack name. */
    deskDomainPrefix: z.optional(
      z
        .string()
        .regex(
          /^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
          'must be lower-case letters, digits and hyphens, without aws, amazon or cognito',
        ),
    ),
    /** RFC 2919 List-Id; default `weekly.<sender's domain>`. */
    listId: z.optional(z.string().regex(/^[A-Za-z0-9.-]+$/, 'must be letters, digits, dots and hyphens')),
  })
  .superRefine((c, ctx) => {
    if ((c.domainName === undefined) !== (c.certificateArn === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.domainName === undefined ? 'domainName' : 'certificateArn'],
        message: 'domainName and certificateArn go together (the certificate must cover the domain)',
      });
    }
    const senderDomain = senderAddress(c.senderEmail).split('@')[1] ?? '';
    if (c.senderDomain && !`.${senderDomain}`.toLowerCase().endsWith(`.${c.senderDomain.toLowerCase()}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['senderDomain'],
        message: `must be the domain of senderEmail (${senderDomain})`,
      });
    }
    const seen = new Set<string>();
    for (const [i, editor] of c.editors.entries()) {
      const key = editor.email.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['editors', i, 'email'], message: 'is listed twice' });
      seen.add(key);
    }
    const inbound = c.inboundDomain?.toLowerCase();
    const verified = c.senderDomain?.toLowerCase();
    if (inbound && (!verified || !`.${inbound}`.endsWith(`.${verified}`))) {
      ctx.addIssue({
        code: 'custom',
        path: ['inboundDomain'],
        message: 'must be a domain under senderDomain (SES receives only for verified domains)',
      });
    } else if (inbound && inbound === verified) {
      ctx.addIssue({
        code: 'custom',
        path: ['inboundDomain'],
        message: `must be a domain under senderDomain, such as in.${verified}, not ${verified} itself: its MX record would send all of the outlet's own mail to SES receiving`,
      });
    }
  });

/** The validated deploy-time configuration. */
export type StackConfig = z.output<typeof stackConfigSchema>;

/** The context keys the stack reads. */
export const CONFIG_KEYS = Object.keys(stackConfigSchema.shape) as (keyof StackConfig)[];

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The bare address of `Name <address>` (or the value itself). */
export function senderAddress(senderEmail: string): string {
  return /<([^>]+)>/.exec(senderEmail)?.[1]?.trim() ?? senderEmail.trim();
}

/** Validates the context values or throws one error listing every bad key. */
export function parseStackConfig(context: Record<string, unknown>): StackConfig {
  const result = stackConfigSchema.safeParse(context);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
  throw new Error(`invalid CDK context (cdk.json or -c key=value):\n${lines.join('\n')}`);
}

/** Reads every config key from a construct node's context. */
export function readStackConfig(node: { tryGetContext(key: string): unknown }): StackConfig {
  const context = Object.fromEntries(CONFIG_KEYS.map((key) => [key, node.tryGetContext(key)]));
  return parseStackConfig(Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)));
}
