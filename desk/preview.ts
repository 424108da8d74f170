// A language's digest as it will be sent, at phone or desktop width: fetched signed and shown in a sandboxed iframe
// (no scripts, no same-origin) through srcdoc, so it needs no URL of its own and no credentials in a link.
import { request, showError } from './api.ts';
import { announce, fill, h } from './dom.ts';
import { type Language, languageName, t } from './i18n.ts';

const WIDTHS = { phone: 375, desktop: 1024 } as const;

/** The preview buttons of one language and the frame they fill. */
export function previewBlock(edition: string, lang: string): HTMLElement {
  const name = languageName(lang as Language);
  // Focusable, so a keyboard can scroll a desktop-wide preview on a phone.
  const frame = h('div', {
    class: 'preview',
    id: `preview-${lang}`,
    tabindex: 0,
    role: 'region',
    'aria-label': t('preview.label', { language: name }),
  });
  const show = async (width: keyof typeof WIDTHS) => {
    try {
      const res = await request('GET', `editions/${edition}/preview/${lang}`, { accept: 'text/html' });
      const iframe = h('iframe', {
        sandbox: '',
        title: t('preview.title', { language: name, width: t(`preview.${width}`) }),
        width: WIDTHS[width],
        height: 640,
        referrerpolicy: 'no-referrer',
      });
      iframe.srcdoc = await res.text();
      fill(frame, iframe);
      frame.dataset.width = width;
      announce(t('done.preview', { language: name, width: t(`preview.${width}`) }));
    } catch (e) {
      showError(e);
    }
  };
  return h(
    'div',
    { class: 'preview-block' },
    h(
      'div',
      { class: 'tools', role: 'group', 'aria-label': t('preview.label', { language: name }) },
      h('button', { type: 'button', id: `preview-phone-${lang}`, onclick: () => show('phone') }, t('preview.phone')),
      h(
        'button',
        { type: 'button', id: `preview-desktop-${lang}`, onclick: () => show('desktop') },
        t('preview.desktop'),
      ),
    ),
    frame,
  );
}
