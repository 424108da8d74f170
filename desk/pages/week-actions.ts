// The week's sending: a test copy to the signed-in editor, hold and release, and send after a confirmation that
// names the edition and the readers per language.
import { api, showError, who } from '../api.ts';
import { announce, h } from '../dom.ts';
import { type Language, languageName, t } from '../i18n.ts';
import type { Stats, Week } from '../types.ts';

async function run(action: () => Promise<unknown>, done: string, reload: () => Promise<void>): Promise<void> {
  try {
    await action();
    await reload();
    announce(done);
  } catch (e) {
    showError(e);
  }
}

/** Asks before sending: a modal dialog naming the edition and each language's confirmed readers. */
async function confirmSend(week: Week, reload: () => Promise<void>): Promise<void> {
  let stats: Stats;
  try {
    stats = await api<Stats>('GET', 'stats');
  } catch (e) {
    showError(e);
    return;
  }
  const languages = Object.keys(week.languages);
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'send-title', class: 'confirm' },
    h('h2', { id: 'send-title' }, t('send.title', { edition: week.edition })),
    h(
      'ul',
      null,
      languages.map((lang) =>
        h(
          'li',
          null,
          t('send.readers', {
            language: languageName(lang as Language),
            count: stats.languages[lang]?.confirmed ?? 0,
          }),
        ),
      ),
    ),
    h(
      'form',
      { method: 'dialog', class: 'tools' },
      h('button', { type: 'submit', value: 'cancel', id: 'send-cancel' }, t('send.cancel')),
      h(
        'button',
        { type: 'submit', value: 'send', id: 'send-confirm', class: 'primary' },
        t('send.confirm', { edition: week.edition }),
      ),
    ),
  );
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (dialog.returnValue === 'send') {
      void run(() => api('POST', `editions/${week.edition}/send`), t('done.sent', { edition: week.edition }), reload);
    } else {
      announce(t('done.sendCancelled', { edition: week.edition }));
      document.getElementById('week-send')?.focus();
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  document.getElementById('send-cancel')?.focus();
}

/** The buttons of the week's sending. */
export function weekActions(week: Week, reload: () => Promise<void>): HTMLElement {
  const { edition } = week;
  const { email } = who();
  const started = week.status !== 'not-started';
  const test = () =>
    run(() => api('POST', `editions/${edition}/test`, { to: [email] }), t('done.test', { email }), reload);
  const hold = week.held
    ? () => run(() => api('DELETE', `editions/${edition}/hold`), t('done.released', { edition }), reload)
    : () => run(() => api('PUT', `editions/${edition}/hold`), t('done.held', { edition }), reload);
  return h(
    'div',
    { class: 'tools actions', role: 'group', 'aria-label': t('actions.label') },
    email && h('button', { type: 'button', id: 'week-test', onclick: test }, t('action.test', { email })),
    !started &&
      h('button', { type: 'button', id: 'week-hold', onclick: hold }, t(week.held ? 'action.release' : 'action.hold')),
    !started &&
      h(
        'button',
        { type: 'button', id: 'week-send', class: 'primary', onclick: () => confirmSend(week, reload) },
        t('action.send'),
      ),
    h('a', { href: `#/editions/${edition}` }, t('action.report')),
  );
}
