// One reader's data request (data role only): look up by address (the answer is masked), export as a download,
// erase after a confirmation. The address stays in the form: never in the URL, the page's text or storage.
import { ApiError, api, showError } from '../api.ts';
import { announce, fill, h } from '../dom.ts';
import { type Language, languageName, t } from '../i18n.ts';

interface Lookup {
  readonly maskedEmail: string;
  readonly status: string;
  readonly language: string;
  readonly createdAt: string;
  readonly confirmedAt?: string;
  readonly unsubscribedAt?: string;
}

function download(data: unknown, name: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function confirmErase(masked: string, erase: () => Promise<void>): void {
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'erase-title', class: 'confirm' },
    h('h2', { id: 'erase-title' }, t('erase.title', { reader: masked })),
    h('p', null, t('erase.explain')),
    h(
      'form',
      { method: 'dialog', class: 'tools' },
      h('button', { type: 'submit', value: 'cancel', id: 'erase-cancel' }, t('send.cancel')),
      h('button', { type: 'submit', value: 'erase', id: 'erase-confirm', class: 'primary' }, t('erase.confirm')),
    ),
  );
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (dialog.returnValue === 'erase') void erase();
    else announce(t('done.eraseCancelled'));
  });
  document.body.append(dialog);
  dialog.showModal();
  document.getElementById('erase-cancel')?.focus();
}

/** The lookup form and, once a reader is found, their data and the export and erase buttons. */
export function readerLookup(): HTMLElement {
  const input = h('input', { id: 'reader-email', type: 'email', name: 'email', required: true, autocomplete: 'off' });
  const result = h('div', { id: 'reader-result' });
  const email = () => input.value.trim();
  const found = (r: Lookup) => {
    const exportData = async () => {
      try {
        download(await api('POST', 'subscribers/export', { email: email() }), `reader-${r.maskedEmail}.json`);
        announce(t('done.exported', { reader: r.maskedEmail }));
      } catch (e) {
        showError(e);
      }
    };
    const erase = async () => {
      try {
        const { erased } = await api<{ erased: boolean }>('POST', 'subscribers/erase', { email: email() });
        fill(result);
        input.value = '';
        announce(t(erased ? 'done.erased' : 'done.nothingHeld', { reader: r.maskedEmail }));
      } catch (e) {
        showError(e);
      }
    };
    fill(
      result,
      h(
        'dl',
        { class: 'settings' },
        [
          [t('lookup.address'), r.maskedEmail],
          [t('lookup.status'), t(`reader.${r.status}` as 'reader.confirmed')],
          [t('report.language'), languageName(r.language as Language)],
          [t('lookup.since'), r.createdAt],
        ].map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
      ),
      h(
        'p',
        { class: 'tools' },
        h('button', { type: 'button', id: 'reader-export', onclick: exportData }, t('lookup.export')),
        h(
          'button',
          { type: 'button', id: 'reader-erase', class: 'primary', onclick: () => confirmErase(r.maskedEmail, erase) },
          t('lookup.erase'),
        ),
      ),
    );
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      found(await api<Lookup>('POST', 'subscribers/lookup', { email: email() }));
      announce(t('done.found'));
    } catch (err) {
      fill(result);
      if (err instanceof ApiError && err.status === 404) announce(t('done.nothingHeld', { reader: '' }), 'error');
      else showError(err);
    }
  };
  return h(
    'section',
    { 'aria-labelledby': 'lookup-title' },
    h('h2', { id: 'lookup-title' }, t('lookup.title')),
    h(
      'form',
      { id: 'reader-lookup', onsubmit: submit },
      h('label', { for: 'reader-email' }, t('lookup.label')),
      ' ',
      input,
      ' ',
      h('button', { type: 'submit' }, t('lookup.find')),
    ),
    result,
  );
}
