import * as z from 'zod/mini';
import { InvalidInputError } from './errors.ts';
import { LANGUAGES } from './language.ts';

/** One field of the signup form, as every form that renders it and the handler that reads it see it. */
export interface SignupField {
  /** The field's name in the post (JSON key or form field). */
  readonly name: string;
  /** `select` offers the languages; `input` is a text box with `attributes`. */
  readonly kind: 'input' | 'select';
  /** The message key of its label (templates/i18n). */
  readonly label: string;
  /** The input's HTML attributes (type, autocomplete, limits...; `''` for a bare one), the same in every form. */
  readonly attributes: Readonly<Record<string, string>>;
  /** A honeypot: hidden from people and screen readers, filled in only by bots. */
  readonly hidden?: boolean;
  /** The 400 a bad value gets. */
  readonly error: { readonly code: string; readonly message: string };
}

const EMAIL_MAX = 320;
const HONEYPOT_MAX = 500;

/**
 * The signup form, declared once: its fields (in order), their limits and message keys, and its button. The pages'
 * form, the widget's snippet and script, and `POST /subscribe`'s schema are all built from it.
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
      error: { code: 'invalid_email', message: 'email is missing or not a string' },
    },
    {
      name: 'language',
      kind: 'select',
      label: 'form.language.label',
      attributes: {},
      error: { code: 'invalid_language', message: `language must be one of ${LANGUAGES.join(', ')}` },
    },
    {
      name: 'website',
      kind: 'input',
      label: 'form.honeypot.label',
      attributes: { type: 'text', tabindex: '-1', autocomplete: 'off' },
      hidden: true,
      error: { code: 'invalid_request', message: 'unexpected value' },
    },
  ],
  button: 'form.subscribe.button',
} as const satisfies { fields: readonly SignupField[]; button: string };

/** What `POST /subscribe` accepts: the form's fields, within their limits. */
export const signupSchema = z.object({
  email: z.string().check(z.maxLength(EMAIL_MAX)),
  language: z.enum(LANGUAGES),
  website: z.optional(z.string().check(z.maxLength(HONEYPOT_MAX))),
});

/** A signup as the form posts it. */
export type Signup = z.infer<typeof signupSchema>;

/** Reads a parsed body as a signup; throws InvalidInputError naming the first bad field (`invalid_email`...). */
export function parseSignup(body: unknown): Signup {
  const result = signupSchema.safeParse(body);
  if (result.success) return result.data;
  const name = result.error.issues[0]?.path[0];
  const field: SignupField | undefined = SIGNUP_FORM.fields.find((f) => f.name === name);
  if (field) throw new InvalidInputError(field.error.code, field.error.message);
  throw new InvalidInputError('invalid_request', 'send an object with email and language');
}
