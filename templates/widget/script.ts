/**
 * The signup widget's browser script (plain ES2020, no framework), kept as text because it is served, not run, by
 * the API. `__CSS__`, `__CSS_VERSION__`, `__MESSAGES__` and `__DEFAULTS__` are filled in by `widgetAssets()`.
 *
 * It defines `<belarus-weekly-signup>` (shadow DOM, styles adopted through CSSOM so a host CSP needs no
 * style-src entry) and upgrades every `[data-belarus-weekly]` element, usually the no-JS fallback form, into it.
 */
export const WIDGET_SCRIPT = String.raw`(function () {
  'use strict';
  var CSS = __CSS__;
  var CSS_VERSION = __CSS_VERSION__;
  var MESSAGES = __MESSAGES__;
  var DEFAULTS = __DEFAULTS__;
  var TAG = 'belarus-weekly-signup';
  var LANGS = ['en', 'be', 'ru'];
  var NAMES = { en: 'English', be: 'Беларуская', ru: 'Русский' };
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  var current = document.currentScript;
  var scriptOrigin = current && current.src ? new URL(current.src).origin : '';
  var sheet = null;

  function pick(value) {
    var code = String(value || '').slice(0, 2).toLowerCase();
    return LANGS.indexOf(code) >= 0 ? code : 'en';
  }

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var name in attrs) if (attrs[name] !== null) node.setAttribute(name, attrs[name]);
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  function adopt(root, api) {
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(h('link', { rel: 'stylesheet', href: api + '/widget.css?v=' + CSS_VERSION }));
    }
  }

  class Signup extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      var host = this.closest('[lang]') || document.documentElement;
      var lang = pick(this.getAttribute('lang') || host.getAttribute('lang'));
      var m = MESSAGES[lang];
      var api = (this.getAttribute('api') || DEFAULTS.api || scriptOrigin).replace(/\/+$/, '');
      var privacy = this.getAttribute('privacy') || DEFAULTS.privacy;
      var chosen = pick(this.getAttribute('language') || lang);
      var root = this.attachShadow({ mode: 'open' });
      adopt(root, api);

      var email = h('input', { id: 'e', name: 'email', type: 'email', autocomplete: 'email', required: '' });
      var select = h('select', { id: 'l', name: 'language' }, LANGS.map(function (code) {
        var option = h('option', { value: code, lang: code }, [NAMES[code]]);
        option.selected = code === chosen;
        return option;
      }));
      var trap = h('input', { id: 'w', name: 'website', type: 'text', tabindex: '-1', autocomplete: 'off' });
      var button = h('button', { type: 'submit' }, [m.button]);
      var status = h('p', { id: 's', class: 'status', role: 'status', 'aria-live': 'polite' });
      var consent = h('p', { class: 'consent' }, [m.consent]);
      if (privacy) consent.append(' ', h('a', { href: privacy, target: '_blank', rel: 'noopener' }, [m.privacy]));
      var form = h('form', { method: 'post', action: api + '/subscribe', novalidate: '' }, [
        h('div', { class: 'row' }, [
          h('div', { class: 'email' }, [h('label', { for: 'e' }, [m.email]), email]),
          h('div', { class: 'lang' }, [h('label', { for: 'l' }, [m.language]), select]),
          button,
        ]),
        h('div', { class: 'hp', hidden: '', 'aria-hidden': 'true' }, [h('label', { for: 'w' }, [m.honeypot]), trap]),
        consent,
        status,
      ]);
      root.append(h('div', { class: 'box', lang: lang }, [
        h('p', { class: 'title' }, [m.title]),
        h('p', { class: 'intro' }, [m.intro]),
        form,
      ]));

      function show(kind, address) {
        var ok = kind === 'success';
        status.className = 'status ' + (ok ? 'ok' : 'err');
        status.textContent = m[kind].replace('{email}', address || '');
        if (kind === 'invalid') {
          email.setAttribute('aria-invalid', 'true');
          email.setAttribute('aria-describedby', 's');
          email.focus();
        } else {
          email.removeAttribute('aria-invalid');
          email.removeAttribute('aria-describedby');
        }
      }

      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (button.disabled) return;
        var address = email.value.trim();
        if (!EMAIL.test(address)) return show('invalid');
        button.disabled = true;
        button.textContent = m.sending;
        form.setAttribute('aria-busy', 'true');
        status.textContent = '';
        fetch(api + '/subscribe', {
          method: 'POST',
          mode: 'cors',
          credentials: 'omit',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ email: address, language: select.value, website: trap.value }),
        })
          .then(function (res) {
            if (res.ok) return 'success';
            if (res.status === 429) return 'tooMany';
            if (res.status !== 400) return 'error';
            return res.json().then(
              function (body) {
                return body && body.error && body.error.code === 'invalid_email' ? 'invalid' : 'error';
              },
              function () {
                return 'error';
              },
            );
          }, function () {
            return 'network';
          })
          .then(function (kind) {
            button.disabled = false;
            button.textContent = m.button;
            form.removeAttribute('aria-busy');
            if (kind === 'success') email.value = '';
            if (kind !== 'invalid') button.focus();
            show(kind, address);
          });
      });
    }
  }

  function upgrade(node) {
    var el = document.createElement(TAG);
    var action = node.getAttribute('action') || node.getAttribute('data-api');
    if (action) el.setAttribute('api', new URL(action, location.href).href.replace(/\/subscribe\/?$/, ''));
    var link = node.querySelector('a[href]');
    var privacy = node.getAttribute('data-privacy') || (link && link.href);
    if (privacy) el.setAttribute('privacy', privacy);
    if (node.getAttribute('lang')) el.setAttribute('lang', node.getAttribute('lang'));
    node.replaceWith(el);
  }

  function run() {
    if (!customElements.get(TAG)) customElements.define(TAG, Signup);
    document.querySelectorAll('[data-belarus-weekly]').forEach(upgrade);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
`;
