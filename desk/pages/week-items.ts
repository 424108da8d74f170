// One language of the week: the editor's intro note, the items in send order with up/down and remove/restore, and
// the digest's preview at phone and desktop width.
import { api, showError } from '../api.ts';
import { announce, h } from '../dom.ts';
import { type Language, languageName, t } from '../i18n.ts';
import { previewBlock } from '../preview.ts';
import type { WeekItem } from '../types.ts';

interface SectionInput {
  readonly edition: string;
  readonly lang: string;
  readonly content: { readonly note: string | null; readonly items: readonly WeekItem[] };
  readonly started: boolean;
  readonly reload: () => Promise<void>;
}

/** Runs a change, says what it did (or why not) and redraws the page. */
async function change(run: () => Promise<unknown>, done: string, reload: () => Promise<void>): Promise<void> {
  try {
    await run();
    await reload();
    announce(done);
  } catch (e) {
    showError(e);
  }
}

function itemRow(s: SectionInput, item: WeekItem, index: number): HTMLElement {
  const { edition, lang, content, reload } = s;
  const items = content.items;
  const id = (what: string) => `${what}-${lang}-${item.key}`;
  const move = (by: number) => {
    const order = items.map((i) => i.key);
    order.splice(index, 1);
    order.splice(index + by, 0, item.key);
    const done = t(by < 0 ? 'done.movedUp' : 'done.movedDown', { title: item.title });
    return change(() => api('PUT', `editions/${edition}/order`, { order }), done, reload);
  };
  const path = `editions/${edition}/commentaries/${lang}/${encodeURIComponent(item.key)}`;
  const toggle = item.removed
    ? () => change(() => api('POST', `${path}/restore`), t('done.restored', { title: item.title }), reload)
    : () => change(() => api('DELETE', path), t('done.removed', { title: item.title }), reload);
  const label = (key: 'item.up' | 'item.down' | 'item.remove' | 'item.restore') => t(key, { title: item.title });
  return h(
    'li',
    { class: item.removed ? 'item removed' : 'item' },
    h(
      'div',
      { class: 'what' },
      h('p', { class: 'title', lang }, item.title),
      h(
        'p',
        { class: 'meta' },
        [item.topic, t(`trend.${item.trend}` as 'trend.better'), t(`source.${item.source}` as 'source.file')]
          .filter(Boolean)
          .join(' · '),
        item.removed && h('strong', null, ` · ${t('item.removed')}`),
      ),
    ),
    !s.started &&
      h(
        'div',
        { class: 'tools' },
        h(
          'button',
          {
            type: 'button',
            id: id('up'),
            disabled: index === 0,
            'aria-label': label('item.up'),
            onclick: () => move(-1),
          },
          '↑',
        ),
        h(
          'button',
          {
            type: 'button',
            id: id('down'),
            disabled: index === items.length - 1,
            'aria-label': label('item.down'),
            onclick: () => move(1),
          },
          '↓',
        ),
        h(
          'button',
          {
            type: 'button',
            id: id('toggle'),
            'aria-label': label(item.removed ? 'item.restore' : 'item.remove'),
            onclick: toggle,
          },
          t(item.removed ? 'item.restoreShort' : 'item.removeShort'),
        ),
      ),
  );
}

function noteForm(s: SectionInput): HTMLElement {
  const { edition, lang, content, reload } = s;
  const field = h('textarea', { id: `note-${lang}`, rows: 3, disabled: s.started, lang });
  field.value = content.note ?? '';
  const path = `editions/${edition}/note/${lang}`;
  const name = languageName(lang as Language);
  const save = (e: Event) => {
    e.preventDefault();
    const text = field.value.trim();
    if (text === '') return change(() => api('DELETE', path), t('done.noteCleared', { language: name }), reload);
    return change(() => api('PUT', path, { text }), t('done.noteSaved', { language: name }), reload);
  };
  return h(
    'form',
    { class: 'note-form', onsubmit: save },
    h('label', { for: `note-${lang}` }, t('note.label', { language: name })),
    field,
    !s.started && h('button', { type: 'submit', id: `note-save-${lang}` }, t('note.save')),
  );
}

/** The section of one language. */
export function languageSection(s: SectionInput): HTMLElement {
  const name = languageName(s.lang as Language);
  return h(
    'section',
    { class: 'language', 'aria-labelledby': `lang-${s.lang}` },
    h('h2', { id: `lang-${s.lang}` }, name),
    noteForm(s),
    s.content.items.length > 0 &&
      h(
        'ol',
        { class: 'items', 'aria-label': t('items.label', { language: name }) },
        s.content.items.map((item, i) => itemRow(s, item, i)),
      ),
    previewBlock(s.edition, s.lang),
  );
}
