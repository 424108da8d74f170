import * as z from 'zod/mini';
import { InvalidInputError } from './errors.ts';
import { LANGUAGES } from './language.ts';

/** One field of the signup form, as every form that renders it and the handler that reads it see it. */
export interface SignupField {
  /** The field's name in the post (JSON key or form field). */
  readonly name: string;
  /** `select` offers the languages; `input` is a text box with `attributes`. */
  readonly kind: 'input' | 'select';
  /**
   * The message key of its label (templates/i18n). An optional field's label may be in en.json only: the other
   * catalogues fall back to English until someone translates it (templates/i18n.ts `t`).
   */
  readonly label: string;
  /** The input's HTML attributes (type, autocomplete, limits...; `''` for a bare one), the same in every form. */
  readonly attributes: Readonly<Record<string, string>>;
  /** A honeypot: hidden from people and screen readers, filled in only by bots. */
  readonly hidden?: boolean;
  /** What `POST /subscribe` accepts for it (`z.optional(...)` for an optional field). */
  readonly value: z.core.$ZodType;
  /** The 400 a bad value gets. */
  readonly error: { readonly code: string; readonly message: string };
}

const EMAIL_MAX = 320;
const HONEYPOT_MAX = 500;

/**
 * The signup form, declared once: its fields (in order), their limits and message keys, and its button. The pages'
 * form, the widget's snippet and script, and `POST /subscribe`'s schema are all built from it. A field beyond the
 * three the use case reads by name (email, language, the honeypot) is an answer: it travels with the request and
 * is kept in the reader's consent record (`consent.answers`) without another edit. An answer is kept as typed: a
 * field that asks for something never to be stored in clear (another address, say) needs handling of its own.
 */
export const SIGNUP_FORM = {
  fields: [
    {
      name: 'email',
      kind: 'input',
      label: 'form.email.label',
      attributes: {
        type: 'email',
        autocomplete: 'email',
        inputmode: 'email',
        maxlength: String(EMAIL_MAX),
        required: '',
      },
      value: z.string().check(z.maxLength(EMAIL_MAX)),
      error: { code: 'invalid_email', message: 'email is missing or not a string' },
    },
    {
      name: 'language',
      kind: 'select',
      label: 'form.language.label',
      attributes: {},
      value: z.enum(LANGUAGES),
      error: { code: 'invalid_language', message: `language must be one of ${LANGUAGES.join(', ')}` },
    },
    {
      name: 'website',
      kind: 'input',
      label: 'form.honeypot.label',
      attributes: { type: 'text', tabindex: '-1', autocomplete: 'off' },
      hidden: true,
      value: z.optional(z.string().check(z.maxLength(HONEYPOT_MAX))),
      error: { code: 'invalid_request', message: 'unexpected value' },
    },
  ],
  button: 'form.subscribe.button',
} as const satisfies { fields: readonly SignupField[]; button: string };

type Field = (typeof SIGNUP_FORM.fields)[number];
type Shape = { [F in Field as F['name']]: F['value'] };
/** The fields the use case reads by name; every other one is an answer. */
const NAMED = ['email', 'language', 'website'] as const;
type AnswerName = Exclude<Field['name'], (typeof NAMED)[number]>;

const shape = (fields: readonly SignupField[]) => Object.fromEntries(fields.map((f) => [f.name, f.value]));

/** What `POST /subscribe` accepts: the form's fields, within their limits. */
export const signupSchema = z.object(shape(SIGNUP_FORM.fields) as Shape);

/** A signup as the form posts it. */
export type Signup = z.infer<typeof signupSchema>;

const answerFields = (SIGNUP_FORM.fields as readonly SignupField[]).filter(
  (f) => !(NAMED as readonly string[]).includes(f.name),
);

/** The signup's answers (its fields beyond email, language and the honeypot), as the confirmation request carries them. */
export const signupAnswersSchema = z.object(shape(answerFields) as Pick<Shape, AnswerName>);

/** The answers of a signup. */
export type SignupAnswers = z.infer<typeof signupAnswersSchema>;

/** The answers a signup gave (a field left out or empty is absent); undefined when it gave none. */
export function signupAnswers(signup: object): SignupAnswers | undefined {
  const given = answerFields.flatMap((f) => {
    const value = (signup as Record<string, unknown>)[f.name];
    return typeof value === 'string' && value !== '' ? [[f.name, value]] : [];
  });
  return given.length > 0 ? (Object.fromEntries(given) as SignupAnswers) : undefined;
}

/** Reads a parsed body as a signup; throws InvalidInputError naming the first bad field (`invalid_email`...). */
export function parseSignup(body: unknown): Signup {
  const result = signupSchema.safeParse(body);
  if (result.success) return result.data;
  const name = result.error.issues[0]?.path[0];
  const field: SignupField | undefined = SIGNUP_FORM.fields.find((f) => f.name === name);
  if (field) throw new InvalidInputError(field.error.code, field.error.message);
  throw new InvalidInputError('invalid_request', 'send an object with email and language');
}
