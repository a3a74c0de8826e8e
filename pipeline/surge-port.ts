// What the pipeline asks the surge module after triage (surge/pinned-answers.ts implements it):
// whether a supervisor's pinned answer fits the message, and whether the agents' queue is so deep
// that the citizen should hear an honest wait estimate. triage() stays pure; this runs after it.
import type { Decision, Language } from '../bot/types';

export interface AfterTriageInput {
  /** The redacted text triage saw. */
  readonly text: string;
  readonly decision: Decision;
  readonly isPublic: boolean;
  /** The conversation's language, when known. */
  readonly language?: Language;
  readonly now: Date;
}

export interface SurgePort {
  /** The decision to act on: `decision` itself, or a new one (reason `surge_pinned`, or a wait estimate). */
  afterTriage(input: AfterTriageInput): Promise<Decision>;
}
