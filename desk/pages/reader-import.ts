// Importing a list (data role only): a CSV file sent in chunks of at most 1 MiB, in order, following the API's
// `next.chunk` / `again` as the CLI does (local/cli-import-upload.ts; protocol in docs/importing.md), with a progress
// bar, then the outcome per outcome and language and the problems by line. The answers hold no address.
import type { ImportFormat } from '../../functions/core/import/types.ts';
import {
  IMPORT_CHUNK_BYTES,
  IMPORT_OUTCOMES,
  IMPORT_PROBLEM_CODES,
  type ImportAnswer,
  type ImportProblem,
  type ImportProblemCode,
} from '../../functions/core/import-outcome.ts';
import { api, showError } from '../api.ts';
import { announce, fill, h } from '../dom.ts';
import { type DeskKey, type Language, languageName, num, t } from '../i18n.ts';

/** The formats the API reads (types only from functions/: zod stays out of the desk's bundle). */
const FORMATS = ['mailchimp', 'substack', 'listmonk', 'ghost', 'buttondown', 'generic'] as const;
// A format added to the API and not here fails tsc.
const everyFormat: [Exclude<ImportFormat, (typeof FORMATS)[number]>] extends [never] ? true : false = true;

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Sends `file` chunk by chunk until the API says the import is done; `progress` hears each answer. */
async function upload(
  file: File,
  options: { format?: string; language?: string; dryRun?: boolean },
  progress: (a: ImportAnswer) => void,
): Promise<ImportAnswer> {
  // WebCrypto hashes a whole buffer (no streaming digest): the file is read once into memory.
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
  const count = Math.ceil(bytes.length / IMPORT_CHUNK_BYTES);
  let index = 0;
  let carry: string | undefined;
  for (;;) {
    const data = base64(bytes.subarray(index * IMPORT_CHUNK_BYTES, (index + 1) * IMPORT_CHUNK_BYTES));
    const answer = await api<ImportAnswer>('POST', 'subscribers/imports', {
      file: { name: file.name, sha256, size: bytes.length },
      options,
      chunk: { index, count, data },
      ...(carry ? { carry } : {}),
    });
    progress(answer);
    if (answer.status === 'done') return answer;
    carry = answer.carry;
    if (!answer.again) {
      const next = answer.next?.chunk ?? index + 1;
      if (next <= index) throw new Error(t('import.loop', { chunk: next }));
      index = next;
    }
    if (index >= count) throw new Error(t('import.loop', { chunk: index }));
  }
}

/** A code without its catalogue text fails tsc (`import.reason.<code>` in desk/i18n/en.json). */
const reasonKey = (code: ImportProblemCode): DeskKey => `import.reason.${code}` satisfies DeskKey;

/** Why a row was not imported, in the editor's language; a code this desk does not know keeps the API's English. */
function reason(p: ImportProblem): string {
  if (!(IMPORT_PROBLEM_CODES as readonly string[]).includes(p.code)) return p.reason;
  return t(reasonKey(p.code), { value: p.value ?? '', ...(p.firstLine ? { firstLine: p.firstLine } : {}) });
}

function outcomeTable(a: ImportAnswer): HTMLElement {
  const shown = IMPORT_OUTCOMES.filter((o) => a.outcomes[o]);
  const columns = [...new Set(shown.flatMap((o) => Object.keys(a.outcomes[o] ?? {})))].sort((x, y) =>
    x === 'none' ? 1 : y === 'none' ? -1 : x.localeCompare(y),
  );
  const head = (c: string) => (c === 'none' ? t('import.none') : languageName(c as Language));
  return h(
    'div',
    { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': t('import.outcomes') },
    h(
      'table',
      { id: 'import-outcomes' },
      h('caption', null, t(a.dryRun ? 'import.outcomesDry' : 'import.outcomes')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('import.outcome')),
          columns.map((c) => h('th', { scope: 'col' }, head(c))),
        ),
      ),
      h(
        'tbody',
        null,
        shown.map((o) =>
          h(
            'tr',
            { 'data-outcome': o },
            h('th', { scope: 'row' }, t(`import.outcome.${o}` as DeskKey)),
            columns.map((c) => h('td', { 'data-language': c }, num(a.outcomes[o]?.[c] ?? 0))),
          ),
        ),
      ),
    ),
  );
}

function outcome(a: ImportAnswer): HTMLElement[] {
  const problems =
    a.problemCount === 0
      ? [h('p', null, t('import.noProblems'))]
      : [
          h('h3', null, t('import.problems', { count: a.problemCount })),
          h(
            'ul',
            { id: 'import-problems' },
            a.problems.map((p) =>
              h('li', { 'data-line': p.line }, t('import.problem', { line: p.line, reason: reason(p) })),
            ),
          ),
          a.problems.length < a.problemCount &&
            h('p', null, t('import.moreProblems', { count: a.problemCount - a.problems.length })),
        ];
  return [outcomeTable(a), ...problems].filter((e): e is HTMLElement => e instanceof HTMLElement);
}

const field = (id: string, label: DeskKey, control: HTMLElement) =>
  h('p', null, h('label', { for: id }, t(label)), ' ', control);

/** The "Import a list" form; `languages`: the configured languages (the file's language when a row names none). */
export function readerImport(languages: readonly string[]): HTMLElement {
  void everyFormat;
  const file = h('input', { id: 'import-file', type: 'file', accept: '.csv,text/csv', required: true });
  const format = h(
    'select',
    { id: 'import-format' },
    h('option', { value: '' }, t('import.autoDetect')),
    FORMATS.map((f) => h('option', { value: f }, t(`import.format.${f}` as DeskKey))),
  );
  const language = h(
    'select',
    { id: 'import-language' },
    languages.map((l) => h('option', { value: l }, languageName(l as Language))),
  );
  const dryRun = h('input', { id: 'import-dry-run', type: 'checkbox', checked: true });
  const start = h('button', { type: 'submit', class: 'primary' }, t('import.start'));
  const result = h('div', { id: 'import-result' });
  const submit = async (e: Event) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    const bar = h('progress', { id: 'import-progress', max: 1, value: 0 });
    const label = h('label', { for: 'import-progress' }, t('import.progress', { name: chosen.name }));
    fill(result, h('p', { class: 'progress' }, label, ' ', bar));
    start.disabled = true;
    try {
      const options = {
        ...(format.value ? { format: format.value } : {}),
        language: language.value,
        ...(dryRun.checked ? { dryRun: true } : {}),
      };
      const done = await upload(chosen, options, (a) => {
        bar.max = a.chunks.count;
        bar.value = a.chunks.done;
      });
      fill(result, ...outcome(done));
      announce(t(done.dryRun ? 'done.importDry' : 'done.imported', { name: chosen.name }));
    } catch (err) {
      fill(result);
      showError(err);
    } finally {
      start.disabled = false;
    }
  };
  return h(
    'section',
    { 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, t('import.title')),
    h(
      'form',
      { id: 'reader-import', onsubmit: submit },
      field('import-file', 'import.file', file),
      field('import-format', 'import.formatLabel', format),
      field('import-language', 'import.language', language),
      h('p', null, dryRun, ' ', h('label', { for: 'import-dry-run' }, t('import.dryRun'))),
      h('p', null, start),
    ),
    result,
  );
}
