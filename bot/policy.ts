// Which action a classified message gets. Pure: a table of cases in test/bot/policy.test.ts
// pins every rule. Order matters and follows taxonomy.md: danger first, then an explicit request
// for a person, then the intent's policy class, then confidence.
import type { Policy } from './intent-schema';
import { OUT_OF_SCOPE } from './model-types';
import type { Action, HandoffReason, IntentScore } from './types';

export const EMERGENCY_INTENT = 'emergency.urgent';

export interface PolicyConfig {
  /** FAQ answers go out without a person only at or above this calibrated confidence. */
  readonly autoAnswerThreshold: number;
  /** Emergency wins if its score reaches this, wherever it ranks: a missed emergency costs most. */
  readonly urgentThreshold: number;
  /** Top-2 closer than this are ambiguous: clarify between two FAQs, otherwise hand off. */
  readonly margin: number;
  /** Clarify only when the top two together are at least this likely. */
  readonly clarifyMinCombined: number;
  /** Out-of-scope messages in a row (this one included) before a person takes a look. */
  readonly outOfScopeRepeatLimit: number;
}

export const DEFAULT_POLICY: PolicyConfig = {
  autoAnswerThreshold: 0.85,
  urgentThreshold: 0.3,
  margin: 0.15,
  clarifyMinCombined: 0.7,
  outOfScopeRepeatLimit: 3,
};

export interface PolicyInput {
  /** Calibrated scores, best first. */
  readonly topK: readonly IntentScore[];
  /** Label after the model's out-of-scope rejection threshold. */
  readonly intent: string;
  readonly confidence: number;
  /** Policy class of an intent id (undefined for ids the catalog does not know). */
  readonly policyOf: (intent: string) => Policy | undefined;
  /** Per-intent auto-answer threshold override from the catalog. */
  readonly thresholdOf: (intent: string) => number | undefined;
  /** Out-of-scope decisions in a row just before this message. */
  readonly recentOutOfScope: number;
}

export interface PolicyOutcome {
  readonly intent: string;
  readonly confidence: number;
  readonly action: Action;
  readonly reason?: HandoffReason;
  /** For `clarify`: the two intents to offer. */
  readonly choices?: readonly [string, string];
}

export function decideAction(input: PolicyInput, config: PolicyConfig = DEFAULT_POLICY): PolicyOutcome {
  const emergency = input.topK.find((s) => s.intent === EMERGENCY_INTENT);
  if (emergency && emergency.confidence >= config.urgentThreshold) {
    return { intent: EMERGENCY_INTENT, confidence: emergency.confidence, action: 'urgent', reason: 'urgent' };
  }

  const { intent, confidence } = input;
  if (intent === OUT_OF_SCOPE) {
    return input.recentOutOfScope + 1 >= config.outOfScopeRepeatLimit
      ? { intent, confidence, action: 'handoff', reason: 'out_of_scope_repeat' }
      : { intent, confidence, action: 'decline' };
  }

  const policy = input.policyOf(intent);
  switch (policy) {
    case 'urgent':
      return { intent, confidence, action: 'urgent', reason: 'urgent' };
    case 'handoff':
      return { intent, confidence, action: 'handoff', reason: 'requested_human' };
    case 'moderate':
      return { intent, confidence, action: 'moderate' };
    case 'smalltalk':
      return { intent, confidence, action: 'smalltalk' };
    case 'decline':
      return { intent, confidence, action: 'decline' };
    case 'faq':
      return decideFaq(input, config);
    case undefined:
      // The model knows an intent the catalog lost: never answer from a missing entry.
      return { intent, confidence, action: 'handoff', reason: 'policy_handoff' };
  }
}

function decideFaq(input: PolicyInput, config: PolicyConfig): PolicyOutcome {
  const { intent, confidence, topK } = input;
  const second = topK.find((s) => s.intent !== intent);
  const gap = confidence - (second?.confidence ?? 0);
  const threshold = input.thresholdOf(intent) ?? config.autoAnswerThreshold;

  if (second && gap < config.margin) {
    const bothFaq = input.policyOf(second.intent) === 'faq';
    if (bothFaq && confidence + second.confidence >= config.clarifyMinCombined) {
      return { intent, confidence, action: 'clarify', reason: 'ambiguous', choices: [intent, second.intent] };
    }
    return { intent, confidence, action: 'handoff', reason: 'ambiguous' };
  }
  if (confidence >= threshold) return { intent, confidence, action: 'auto_answer' };
  return { intent, confidence, action: 'handoff', reason: 'low_confidence' };
}
