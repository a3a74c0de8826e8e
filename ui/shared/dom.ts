// Building DOM from data. Citizen text is untrusted everywhere, so nothing here ever parses HTML:
// children are elements or strings turned into text nodes, attributes go through setAttribute
// (never on*-handlers or style), and links are shown as text that opens only on an explicit click.

export type Child = Node | string | number | null | undefined | false;

export interface Attrs {
  readonly [name: string]: string | number | boolean | null | undefined;
}

/** Attributes that could run code or load something: never set from data. */
const FORBIDDEN_ATTR = /^(on|style$|srcdoc$|formaction$)/i;

/** createElement with attributes and text/element children; `className` maps to class. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (FORBIDDEN_ATTR.test(name)) throw new Error(`el(): refusing to set attribute "${name}"`);
    node.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

/** Appends children; strings become text nodes (never HTML). */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`page is missing #${id}`);
  return found as T;
}

/** Only http(s) links may be opened; javascript:, data: and the rest are shown and nothing more. */
export function isOpenableUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A link as text: the label and the URL are visible text, and an "open" button opens it in a new
 * tab with no opener and no referrer, only when the person clicks it.
 */
export function linkAsText(link: { readonly label: string; readonly url: string }, openLabel: string): HTMLElement {
  const item = el('span', { className: 'link' }, link.label ? `${link.label} — ` : '', el('code', { className: 'url' }, link.url));
  if (isOpenableUrl(link.url)) {
    const open = el('button', { type: 'button', className: 'link-open', 'aria-label': `${openLabel}: ${link.url}` }, openLabel);
    open.addEventListener('click', () => window.open(link.url, '_blank', 'noopener,noreferrer'));
    append(item, ' ', open);
  }
  return item;
}

/** A horizontal bar for a share in [0, 1], with its number as text for screen readers. */
export function scoreBar(label: string, value: number): HTMLElement {
  const pct = Math.max(0, Math.min(1, value));
  const meter = el('meter', { min: 0, max: 1, value: pct.toFixed(3), 'aria-label': label });
  return el(
    'div',
    { className: 'score' },
    el('span', { className: 'score-label' }, label),
    meter,
    el('span', { className: 'score-value' }, `${(pct * 100).toFixed(1)}%`),
  );
}
