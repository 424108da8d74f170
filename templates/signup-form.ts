import { escapeHtml } from '../functions/core/html.ts';
import { LANGUAGES, type Language } from '../functions/core/language.ts';
import { SIGNUP_FORM, type SignupField } from '../functions/core/signup-form.ts';
import formTexts from './compiled/messages/form.json' with { type: 'json' };
import { languageName, translator } from './messages.ts';

const t = /* @__PURE__ */ translator(formTexts);

/** How a no-JavaScript form lays its fields out: the pages label by id; the pasted snippet wraps (no ids to clash). */
export type SignupLayout = 'page' | 'snippet';

const attributes = (attrs: Readonly<Record<string, string>>) =>
  Object.entries(attrs)
    .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
    .join('');

function languageOptions(selected: Language): string {
  return LANGUAGES.map(
    (code) =>
      `<option value="${code}" lang="${code}"${code === selected ? ' selected' : ''}>${escapeHtml(languageName(code))}</option>`,
  ).join('');
}

function control(field: SignupField, layout: SignupLayout, selected: Language, value: string | undefined): string {
  const id = layout === 'page' ? ` id="${field.name}"` : '';
  if (field.kind === 'select') return `<select${id} name="${field.name}">${languageOptions(selected)}</select>`;
  const filled = value ? ` value="${escapeHtml(value)}"` : '';
  return `<input${id} name="${field.name}"${attributes(field.attributes)}${filled}>`;
}

function fieldHtml(lang: Language, field: SignupField, layout: SignupLayout, selected: Language, value?: string) {
  const label = escapeHtml(t(lang, field.label));
  const input = control(field, layout, selected, value);
  if (layout === 'snippet') {
    const labelled = `<label>${label} ${input}</label>`;
    return field.hidden ? `<span hidden>${labelled}</span>` : `${labelled} `;
  }
  const labelled = `<label for="${field.name}">${label}</label>${input}`;
  return field.hidden ? `<div class="hp" aria-hidden="true">${labelled}</div>` : labelled;
}

/**
 * The signup form's fields and button (SIGNUP_FORM) as HTML in `lang`, for the forms that work without JavaScript:
 * the pages' form and the widget's snippet. `values` refills fields after an error.
 */
export function signupFormFields(
  lang: Language,
  o: { layout: SignupLayout; selected: Language; values?: Readonly<Record<string, string>> },
): string {
  const fields = SIGNUP_FORM.fields.map((f: SignupField) =>
    fieldHtml(lang, f, o.layout, o.selected, o.values?.[f.name]),
  );
  const button = escapeHtml(t(lang, SIGNUP_FORM.button));
  return (
    fields.join('') + (o.layout === 'page' ? `<button type="submit">${button}</button>` : `<button>${button}</button> `)
  );
}
