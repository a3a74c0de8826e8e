// The trainer API's JSON, from the server's own types (type-only imports).
import type { IntentLink, IntentAnswer } from '../../bot/intent-schema';
import type { TrainerEvaluation } from '../../training/evaluation';
import type { IntentDetail, IntentSummary } from '../../training/trainer-catalog';
import type { StoredExample } from '../../training/trainer-examples';
import type { InboxItem } from '../../training/trainer-inbox';
import type { ModelVersionSummary, PublishResult } from '../../training/trainer-models';
import type { TrainingJobView } from '../../training/training-job';

export type {
  IntentLink,
  IntentAnswer,
  TrainerEvaluation,
  IntentDetail,
  IntentSummary,
  StoredExample,
  InboxItem,
  ModelVersionSummary,
  PublishResult,
  TrainingJobView,
};

export interface EvaluationAnswer {
  readonly version: string;
  readonly status: string;
  readonly evaluation: TrainerEvaluation;
}

export interface ModelsAnswer {
  readonly live: string;
  readonly versions: readonly ModelVersionSummary[];
}

export interface ParseAnswer {
  readonly text: string;
  readonly modelVersion: string;
  readonly language: string;
  readonly intent: string;
  readonly confidence: number;
  readonly intents: readonly { readonly intent: string; readonly confidence: number }[];
  readonly entities: readonly { readonly type: string; readonly text: string; readonly value: unknown }[];
  readonly action: string;
  readonly reason: string | null;
  readonly reply: { readonly text: string; readonly links: readonly { readonly label: string; readonly url: string }[] } | null;
}
