// Links a person can tap: an official https link (on the catalog's allow-list) or a tel: number
// becomes a real anchor; anything else stays text to read. The web chat and the agent console
// both show links through here, so the rule is one rule.
import { isOfficialLink } from '../../intents/official-sources';
import { el } from './dom';

export interface ShownLink {
  readonly label: string;
  readonly url: string;
}

const TEL = /^tel:\+?[\d-]{2,20}$/;

/** The href to use, or undefined when the link must stay text. */
export function tappableHref(url: string): string | undefined {
  if (TEL.test(url)) return url;
  if (!url.startsWith('https://') || !isOfficialLink(url)) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

/** `label — url` with the url as an anchor when it may be tapped, as text otherwise. */
export function linkLine(link: ShownLink): HTMLElement {
  const href = tappableHref(link.url);
  const target = href
    ? el('a', { href, className: 'url', rel: 'noopener noreferrer', ...(href.startsWith('https:') ? { target: '_blank' } : {}) }, link.url.replace(/^tel:/, ''))
    : el('span', { className: 'url' }, link.url);
  return el('li', {}, `${link.label} — `, target);
}
