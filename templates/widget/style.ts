/**
 * The signup widget's stylesheet, applied inside its shadow root: the host page's rules cannot reach in and these
 * cannot leak out. Only the font is inherited from the host; colours are fixed so contrast stays AA on any page.
 */
export const WIDGET_CSS = [
  ':host{all:initial;display:block;font:inherit;max-width:34rem;margin:1.5rem 0}',
  ':host([hidden]){display:none}',
  '*,*::before,*::after{box-sizing:border-box}',
  '.box{padding:1rem 1.25rem 1.125rem;border:1px solid #c9ced6;border-left:4px solid #0b57d0;border-radius:.375rem;',
  'background:#f6f8fa;color:#1f2328;text-align:start}',
  '.title{margin:0 0 .25rem;font-weight:700;font-size:1.0625em;line-height:1.3}',
  '.intro{margin:0 0 .875rem;color:#454c54;font-size:.9375em}',
  'form{margin:0}',
  '.row{display:flex;flex-wrap:wrap;gap:.625rem .75rem;align-items:flex-end}',
  '.email{flex:1 1 13rem;min-width:0}',
  '.language{flex:0 1 10rem;min-width:8rem}',
  'label{display:block;margin:0 0 .25rem;font-weight:600;font-size:.875em}',
  'input,select,button{font:inherit;font-size:1em;line-height:1.25;margin:0}',
  'input,select{display:block;width:100%;min-height:2.75rem;padding:.5rem .625rem;color:#1f2328;background:#fff;',
  'border:1px solid #6e7781;border-radius:.375rem}',
  'input[aria-invalid=true]{border-color:#b3261e;box-shadow:0 0 0 1px #b3261e}',
  'button{min-height:2.75rem;padding:.5rem 1.125rem;font-weight:700;color:#fff;background:#0b57d0;',
  'border:2px solid #0b57d0;border-radius:.375rem;cursor:pointer}',
  'button:hover{background:#0842a0;border-color:#0842a0}',
  'button[disabled]{cursor:progress;background:#0842a0}',
  'input:focus-visible,select:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #0b57d0;',
  'outline-offset:2px}',
  'a{color:#0b57d0;text-decoration:underline;text-underline-offset:.15em}',
  '.consent{margin:.75rem 0 0;color:#454c54;font-size:.8125em;line-height:1.45}',
  '.status{margin:.75rem 0 0;padding:.5rem .75rem;border-radius:.375rem;font-size:.9375em;line-height:1.4}',
  '.status:empty{display:none}',
  '.ok{background:#dafbe1;color:#0f5323}',
  '.err{background:#ffebe9;color:#8c1d18}',
].join('\n');
