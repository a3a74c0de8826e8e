// Errors as toasts: the server's catalogue message in the page's language (the API client asks
// for it with Accept-Language), never a raw code. Confirmations live in the status line and SLA
// alerts in their own region, so neither ever overwrites an error.
import { ApiError } from './api';
import { el } from './dom';

export interface Toasts {
  error(text: string): void;
  /** An API or network failure, in words a person can act on. */
  failure(error: unknown): void;
}

const SHOW_MS = 8000;

export function createToasts(region: HTMLElement, closeLabel: () => string, offline: () => string): Toasts {
  const show = (text: string) => {
    const close = el('button', { type: 'button', className: 'toast-close', 'aria-label': closeLabel() }, '×');
    const toast = el('div', { className: 'toast', role: 'alert' }, el('span', { className: 'toast-text' }, text), close);
    close.addEventListener('click', () => toast.remove());
    region.append(toast);
    window.setTimeout(() => toast.remove(), SHOW_MS);
  };
  return {
    error: show,
    failure: (error) => show(error instanceof ApiError ? error.message : offline()),
  };
}
