// One polite live region per page for outcomes ("reply sent", "claimed by someone else").
import { ApiError } from './api';

export interface StatusLine {
  info(text: string): void;
  error(text: string): void;
  /** An API or network failure, in words a person can act on. */
  failure(error: unknown): void;
}

export function createStatusLine(region: HTMLElement): StatusLine {
  const show = (text: string, kind: 'info' | 'error') => {
    region.textContent = text;
    region.dataset.kind = kind;
  };
  return {
    info: (text) => show(text, 'info'),
    error: (text) => show(text, 'error'),
    failure: (error) => show(error instanceof ApiError ? `${error.message} (${error.code})` : String((error as Error)?.message ?? error), 'error'),
  };
}
