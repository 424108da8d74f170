/**
 * The signup widget's browser script (plain ES2020, no framework), kept as text because it is served, not run, by
 * the API. `__CSS__`, `__FIELDS__` (the signup form's fields), `__NAMES__`, `__MESSAGES__` and `__DEFAULTS__` are filled
 * in by `widgetAssets()`.
 *
 * It defines `<belarus-weekly-signup>` (shadow DOM, styles adopted through CSSOM so a host CSP needs no style-src
 * entry; every browser with custom elements and constructable stylesheets, Chrome 73+, Firefox 101+, Safari 16.4+)
 * and upgrades every `[data-belarus-weekly]` element, usually the no-JS fallback form, into it.
 *
 * Served as written, so it carries no comments: every byte counts against the 10 KB budget (see docs/widget.md).
 * - The language is the nearest `lang` around the element (else English); the newsletter language defaults to it.
 * - The honeypot `website` sits in a `hidden` element: display none, so no person or screen reader meets it.
 * - A 400 answer can only be about the address: the widget's JSON and language are always well formed.
 * - A browser without constructable stylesheets keeps the no-JS form: the script then upgrades nothing.
 */
export const WIDGET_SCRIPT = String.raw`(() => {
  const CSS = __CSS__;
  const FIELDS = __FIELDS__;
  const MESSAGES = __MESSAGES__;
  const DEFAULTS = __DEFAULTS__;
  const TAG = 'belarus-weekly-signup';
  const NAMES = __NAMES__;
  const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const script = document.currentScript;
  const origin = script && script.src ? new URL(script.src).origin : '';
  let sheet;

  const pick = (value) => {
    const code = String(value || '').toLowerCase().split(/[-_]/)[0];
    return code in NAMES ? code : 'en';
  };

  const h = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const name in attrs) node.setAttribute(name, attrs[name]);
    node.append(...children);
    return node;
  };

  class Signup extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const host = this.closest('[lang]');
      const lang = pick(host && host.lang);
      const m = MESSAGES[lang];
      const api = (this.getAttribute('api') || DEFAULTS.api || origin).replace(/\/+$/, '');
      const privacy = this.getAttribute('privacy') || DEFAULTS.privacy;
      const root = this.attachShadow({ mode: 'open' });
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet];

      const controls = {};
      const cells = FIELDS.map((f) => {
        const id = 'f-' + f.name;
        const control =
          f.kind === 'select'
            ? h('select', { id, name: f.name }, ...Object.keys(NAMES).map((c) => h('option', { value: c, lang: c }, NAMES[c])))
            : h('input', Object.assign({ id, name: f.name }, f.attributes));
        controls[f.name] = control;
        return f.hidden ? control : h('div', { class: f.name }, h('label', { for: id }, m['label.' + f.name]), control);
      });
      const email = controls.email;
      email.setAttribute('aria-describedby', 's');
      controls.language.value = lang;
      const button = h('button', {}, m.button);
      const status = h('p', { id: 's', class: 'status', role: 'status', 'aria-live': 'polite' });
      const consent = h('p', { class: 'consent' }, m.consent);
      if (privacy) consent.append(' ', h('a', { href: privacy, target: '_blank' }, m.privacy));
      const form = h(
        'form',
        { novalidate: '' },
        h(
          'div',
          { class: 'row' },
          ...cells.filter((c, i) => !FIELDS[i].hidden),
          button,
        ),
        h('div', { hidden: '' }, ...cells.filter((c, i) => FIELDS[i].hidden)),
        consent,
        status,
      );
      const title = h('p', { class: 'title' }, m.title);
      root.append(h('div', { class: 'box', lang }, title, h('p', { class: 'intro' }, m.intro), form));

      const show = (kind, address) => {
        status.className = 'status ' + (kind === 'success' ? 'ok' : 'err');
        status.textContent = m[kind].replace('{email}', address);
        email.setAttribute('aria-invalid', kind === 'invalid');
        if (kind === 'invalid') email.focus();
        else button.focus();
      };

      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const address = email.value.trim();
        if (!EMAIL.test(address)) return show('invalid');
        button.disabled = true;
        status.textContent = '';
        fetch(api + '/subscribe', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(Object.assign(Object.fromEntries(FIELDS.map((f) => [f.name, controls[f.name].value])), { email: address })),
        })
          .then(
            (res) => (res.ok ? 'success' : res.status === 429 ? 'tooMany' : res.status === 400 ? 'invalid' : 'error'),
            () => 'network',
          )
          .then((kind) => {
            button.disabled = false;
            if (kind === 'success') email.value = '';
            show(kind, address);
          });
      });
    }
  }

  const upgrade = (node) => {
    const el = document.createElement(TAG);
    const action = node.getAttribute('action');
    if (action) el.setAttribute('api', new URL(action, location.href).href.replace(/\/subscribe\/?$/, ''));
    const link = node.querySelector('a[href]');
    if (link) el.setAttribute('privacy', link.href);
    if (node.lang) el.lang = node.lang;
    node.replaceWith(el);
  };

  const run = () => {
    if (!window.ShadowRoot || !('adoptedStyleSheets' in ShadowRoot.prototype)) return;
    if (!customElements.get(TAG)) customElements.define(TAG, Signup);
    document.querySelectorAll('[data-belarus-weekly]').forEach(upgrade);
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
`;
