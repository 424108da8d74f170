// A few lines instead of a UI library: pages build their DOM with h() and re-render a region when data changes.

type Child = Node | string | number | false | null | undefined | readonly Child[];
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

/** Creates an element: attributes (`on<event>` are listeners; `true` is a bare attribute; false/null are left out). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === false || c === null || c === undefined) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's content. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** The shell's live region: every action that changes something says here what it did (or why it failed). */
export function announce(text: string, kind: 'done' | 'error' = 'done'): void {
  const region = document.getElementById('status');
  if (!region) return;
  region.dataset.kind = kind;
  // Cleared first so that the same sentence twice is announced twice.
  region.textContent = '';
  requestAnimationFrame(() => {
    region.textContent = text;
  });
}
