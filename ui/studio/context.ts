// What every studio view shares: the API client, the words, the status line, and the data the
// views read from each other (intents, all examples, the evaluation used for health).
import type { Api } from '../shared/api';
import type { I18n } from '../shared/i18n';
import type { StatusLine } from '../shared/status';
import type { StudioKey } from './text';
import type { IntentSummary, StoredExample, TrainerEvaluation } from './types';

export interface StudioData {
  intents: readonly IntentSummary[];
  /** Every stored example, for the duplicate check as you type. */
  examples: readonly StoredExample[];
  /** The evaluation intent health is read from (the live model's, else the newest one). */
  health?: { readonly version: string; readonly evaluation: TrainerEvaluation };
}

export interface StudioContext {
  readonly api: Api;
  readonly i18n: I18n<StudioKey>;
  readonly status: StatusLine;
  readonly data: StudioData;
  /** Views call this after a change others must see (an example added, a model published). */
  changed(what: 'catalog' | 'models'): void;
  onChanged(listener: (what: 'catalog' | 'models') => void): void;
}

export const intentsPath = (id: string, rest = '') => `/intents/${encodeURIComponent(id)}${rest}`;
export const modelPath = (version: string, rest = '') => `/models/${encodeURIComponent(version)}${rest}`;
