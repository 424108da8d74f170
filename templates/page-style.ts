import { createHash } from 'node:crypto';

/** The one inline stylesheet of every server-rendered page (the CSP allows exactly this text by its hash). */
export const PAGE_STYLESHEET = [
  ':root{color-scheme:light dark;--bg:#f6f7f9;--card:#ffffff;--fg:#1f2328;--muted:#57606a;--border:#6e7781;',
  '--line:#d0d7de;--link:#0b57d0;--accent:#0b57d0;--accent-fg:#ffffff;--focus:#0b57d0;--note:#fff8c5;--note-fg:#3d3200}',
  '@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--fg:#e6edf3;--muted:#9da7b3;--border:#6e7681;',
  '--line:#30363d;--link:#79b8ff;--focus:#79b8ff;--note:#2d2a12;--note-fg:#f0e6a8}}',
  '*,*::before,*::after{box-sizing:border-box}',
  'html{-webkit-text-size-adjust:100%;text-size-adjust:100%}',
  'body{margin:0;background:var(--bg);color:var(--fg);line-height:1.55;font-size:1.0625rem;',
  "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}",
  'main{max-width:36rem;margin:2rem auto;padding:1.5rem 1.25rem 2rem;background:var(--card);border-radius:.5rem;',
  'border:1px solid var(--line)}',
  '@media (max-width:40rem){main{margin:0;border-radius:0;border-width:0 0 1px}}',
  '.brand{margin:0 0 1rem;font-size:.875rem;font-weight:700;letter-spacing:.04em;color:var(--muted)}',
  'h1{margin:0 0 1rem;font-size:1.625rem;line-height:1.25}',
  'h2{margin:1.75rem 0 .5rem;font-size:1.25rem;line-height:1.3}',
  'p{margin:0 0 1rem}',
  '.muted{color:var(--muted);font-size:.9375rem}',
  '.note{padding:.75rem 1rem;border-radius:.375rem;background:var(--note);color:var(--note-fg)}',
  'a{color:var(--link);text-underline-offset:.15em}',
  'form{margin:1rem 0 0}',
  'fieldset{margin:0 0 1rem;padding:0;border:0}',
  'legend{margin:0 0 .5rem;padding:0}',
  'label{display:block;margin:0 0 .25rem;font-weight:600}',
  '.choice{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:0 0 .375rem;min-height:2rem}',
  'input[type=email],input[type=text],select{display:block;width:100%;margin:0 0 1rem;padding:.625rem .75rem;',
  'font:inherit;color:var(--fg);background:var(--card);border:1px solid var(--border);border-radius:.375rem}',
  'input[type=radio]{width:1.125rem;height:1.125rem;margin:0;accent-color:var(--accent)}',
  'button{display:inline-block;min-height:2.75rem;padding:.625rem 1.25rem;font:inherit;font-weight:600;',
  'color:var(--accent-fg);background:var(--accent);border:2px solid var(--accent);border-radius:.375rem;cursor:pointer}',
  'button.secondary{color:var(--fg);background:transparent;border-color:var(--border)}',
  'a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid var(--focus);',
  'outline-offset:2px}',
  '.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}',
  'footer{max-width:36rem;margin:0 auto 2rem;padding:0 1.25rem;color:var(--muted);font-size:.875rem}',
].join('\n');

/** The CSP source expression that allows PAGE_STYLESHEET: `'sha256-<base64>'`. */
export const PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(PAGE_STYLESHEET, 'utf8').digest('base64')}'`;
