import { canonicalMailbox } from '../canonical-mailbox.ts';
import { normalizeEmail } from '../email.ts';
import { InvalidInputError } from '../errors.ts';
import { type RowProblem, rowProblem } from '../import-outcome.ts';
import { isLanguage } from '../language.ts';
import { CsvBroken, csvRecords } from './csv-records.ts';
import { type Evidence, Header, type RecordFacts } from './format-kit.ts';
import { detectFormatOf, READERS } from './formats.ts';
import { languageNamed } from './language-names.ts';
import { importTime } from './times.ts';
import type { ImportFormat, ImportOptions, ImportRow } from './types.ts';

/** The format a header is (the header's fields as the file has them), or undefined. */
export function detectFormat(headerFields: string[]): ImportFormat | undefined {
  return detectFormatOf(new Header(headerFields));
}

type Outcome = Exclude<ImportRow, { kind: 'problem' }> extends infer R ? R : never;
type Decided = { ok: true; row: Outcome } | { ok: false; problem: RowProblem };

function languageOf(facts: RecordFacts, fallback: string | undefined): { language?: string; problem?: RowProblem } {
  const value = facts.language?.trim();
  if (value) {
    const named = languageNamed(value);
    return named
      ? { language: named }
      : { problem: rowProblem('unknown_language', `unknown language "${value}"`, { value }) };
  }
  const fromTags = [...new Set((facts.tags ?? []).map(languageNamed).filter((l) => l !== undefined))];
  if (fromTags.length > 1) {
    const value = fromTags.join(', ');
    return { problem: rowProblem('several_languages', `the tags name more than one language (${value})`, { value }) };
  }
  if (fromTags[0]) return { language: fromTags[0] };
  if (fallback) return { language: fallback };
  return {
    problem: rowProblem(
      'no_language',
      'no language: the row has no language column or tag, and no --language was given',
    ),
  };
}

function decide(line: number, email: string, evidence: Evidence, facts: RecordFacts, options: ImportOptions): Decided {
  if (evidence.status === 'problem') {
    const { status: _s, ...problem } = evidence;
    return { ok: false, problem };
  }
  if (evidence.status === 'suppressed')
    return { ok: true, row: { line, kind: 'suppressed', email, reason: evidence.reason } };
  const { language, problem } = languageOf(facts, options.language);
  if (problem !== undefined || language === undefined || !isLanguage(language)) {
    return { ok: false, problem: problem ?? rowProblem('no_language', 'no language') };
  }
  if (evidence.status === 'repermission') return { ok: true, row: { line, kind: 'repermission', email, language } };
  const optInAt = importTime(evidence.optInAt);
  const confirmedAt = importTime(evidence.confirmedAt);
  if (optInAt === null) {
    const value = evidence.optInAt ?? '';
    return { ok: false, problem: rowProblem('unreadable_optin_time', `unreadable opt-in time "${value}"`, { value }) };
  }
  if (confirmedAt === null) {
    const value = evidence.confirmedAt ?? '';
    const reason = `unreadable confirmation time "${value}"`;
    return { ok: false, problem: rowProblem('unreadable_confirm_time', reason, { value }) };
  }
  return {
    ok: true,
    row: {
      line,
      kind: 'confirmed',
      email,
      language,
      ...(optInAt ? { optInAt } : {}),
      ...(confirmedAt ? { confirmedAt } : {}),
    },
  };
}

/**
 * What each record of an export becomes, streamed in file order. The header decides the format unless
 * `options.format` says it; a header no format reads throws InvalidInputError (code `import_format` or
 * `import_columns`) before any row. A file that stops being CSV ends with one problem row at the line where it does.
 * A second row for the same mailbox (canonical form: case, `+tag`, Gmail dots) is a problem naming the first.
 * `onFormat` hears the format the rows are read as, once the header is read.
 */
export async function* importRows(
  chunks: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  onFormat?: (format: ImportFormat) => void,
): AsyncGenerator<ImportRow> {
  const records = csvRecords(chunks, options.encoding ?? 'utf-8');
  const seen = new Map<string, number>();
  let read: ((field: (at: number | undefined) => string) => RecordFacts) | undefined;
  try {
    for await (const record of records) {
      if (read === undefined) {
        const header = new Header(record.fields);
        const format = options.format ?? detectFormatOf(header) ?? (options.map?.email ? 'generic' : undefined);
        const reader = format && READERS[format];
        if (!reader) {
          throw new InvalidInputError('import_format', `line ${record.line}: no known export has this header`);
        }
        for (const [field, name] of Object.entries(options.map ?? {})) {
          if (header.find(name) === undefined) {
            throw new InvalidInputError('import_columns', `map ${field}=${name}: the file has no column "${name}"`);
          }
        }
        read = reader.open(header, options);
        onFormat?.(format);
        continue;
      }
      const { line, fields } = record;
      const facts = read((at) => (at === undefined ? '' : (fields[at] ?? '').trim()));
      if (!facts.email) {
        yield { line, kind: 'problem', ...rowProblem('no_address', 'no e-mail address') };
        continue;
      }
      let email: string;
      try {
        email = normalizeEmail(facts.email).address;
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        yield { line, kind: 'problem', ...rowProblem('invalid_address', `invalid e-mail address: ${error.message}`) };
        continue;
      }
      const mailbox = canonicalMailbox(email.toLowerCase());
      const first = seen.get(mailbox);
      if (first !== undefined) {
        const reason = `the same mailbox as line ${first}`;
        yield { line, kind: 'problem', ...rowProblem('duplicate_in_file', reason, { firstLine: first }) };
        continue;
      }
      seen.set(mailbox, line);
      const decided = decide(line, email, facts.evidence, facts, options);
      yield decided.ok ? decided.row : { line, kind: 'problem', ...decided.problem };
    }
  } catch (error) {
    if (!(error instanceof CsvBroken)) throw error;
    yield { line: error.line, kind: 'problem', ...rowProblem(error.code, error.message) };
  }
}
