import { readFileSync } from 'node:fs';
import { LANGUAGES } from '../functions/core/language.ts';
import { type AdminApi, CliError } from './api-client.ts';
import type { CliIo } from './cli.ts';

/** The options the editorial commands read. */
export interface EditOptions {
  readonly edition: string;
  readonly language: string | undefined;
  readonly file: string | undefined;
  readonly delete: boolean | undefined;
}

async function note(api: AdminApi, o: EditOptions, words: string[], io: CliIo): Promise<number> {
  if (!o.language) throw new CliError('usage: note --language L [--edition W] (TEXT... | --file FILE | --delete)');
  const path = `/admin/editions/${o.edition}/note/${o.language}`;
  if (o.delete) {
    const { removed } = (await api.request('DELETE', path)).json<{ removed: boolean }>();
    io.out(`${o.edition} ${o.language}: ${removed ? 'note removed' : 'had no note'}`);
    return 0;
  }
  const text = o.file ? readFileSync(o.file, 'utf8') : words.join(' ');
  if (text.trim() === '') throw new CliError('note needs its text, --file FILE or --delete');
  await api.request('PUT', path, { body: { text } });
  io.out(`${o.edition} ${o.language}: note set (${text.trim().length} characters)`);
  return 0;
}

/** `remove` / `restore KEY [--language L]`: in one language, or in every language that has the key. */
async function removeOrRestore(api: AdminApi, restore: boolean, o: EditOptions, keys: string[], io: CliIo) {
  const [key, ...extra] = keys;
  if (!key || extra.length > 0) throw new CliError(`usage: ${restore ? 'restore' : 'remove'} KEY [--language L]`);
  let done = 0;
  for (const language of o.language ? [o.language] : LANGUAGES) {
    const path = `/admin/editions/${o.edition}/commentaries/${language}/${key}`;
    try {
      await (restore ? api.request('POST', `${path}/restore`) : api.request('DELETE', path));
    } catch (error) {
      // Without --language, a language that does not have the key is passed over.
      if (o.language || !/^404: /.test((error as Error).message)) throw error;
      continue;
    }
    io.out(`${o.edition} ${language}: ${key} ${restore ? 'restored' : 'removed (restore brings it back)'}`);
    done++;
  }
  if (done === 0) throw new CliError(`404: ${o.edition} has no commentary ${key}`);
  return 0;
}

/** `order`, `note`, `remove`, `restore`: shape an edition before it is sent. */
export async function editorial(command: string, api: AdminApi, o: EditOptions, args: string[], io: CliIo) {
  switch (command) {
    case 'order': {
      if (args.length === 0) throw new CliError('usage: order [--edition W] KEY...');
      await api.request('PUT', `/admin/editions/${o.edition}/order`, { body: { order: args } });
      io.out(`${o.edition}: ${args.join(', ')} first, in every language; the others follow in import order`);
      return 0;
    }
    case 'note':
      return note(api, o, args, io);
    default:
      return removeOrRestore(api, command === 'restore', o, args, io);
  }
}
