import { beforeAll, describe, expect, it } from 'vitest';
import { createSendContext } from '../../functions/wiring/send.ts';
import { t } from '../../templates/i18n.ts';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, useLocalStack } from '../support/local.ts';
import { readers, seedReaders } from '../support/seed.ts';

const stack = useLocalStack({ LANGUAGE_FALLBACKS: '{"be":["ru"]}' });

beforeAll(async () => {
  const ctx = await createSendContext(stack.current.env);
  await seedReaders(ctx, readers('fallback', 6, 'confirmed'));
  // This week's commentaries exist in English and Russian only.
  expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W47', ['en', 'ru']))).code).toBe(0);
});

describe('a configured language fallback', () => {
  it('sends Belarusian readers the Russian commentaries, in a Belarusian digest that says so', async () => {
    const result = await cli(stack.current.env, 'send', '--edition', '2026-W47', '--yes');
    expect(result.out).not.toContain('skipped, no commentaries');
    // readers() gives languages in turn: en, be, ru, en, be, ru.
    const [mail] = await inbox(stack.current, 'fallback1@example.org');
    expect(mail?.subject).toContain('лістапада');
    const notice = t('be', 'digest.fallback', { language: t('be', 'language.in.ru') });
    expect(mail?.body.text).toContain(notice);
    expect(mail?.body.text).toContain('https://example.org/ru/');
    const report = JSON.parse((await cli(stack.current.env, 'status', '--edition', '2026-W47', '--json')).out);
    expect(report.skippedLanguages).toEqual([]);
    expect(report.languages.be.sent).toBe(2);
  });
});
