// Which action a classified message gets. Pure: a table of cases in test/bot/policy.test.ts
// pins every rule. Order matters and follows taxonomy.md: danger first, then an explicit request
// for a person, then the intent's policy class, then confidence.
import type { Policy } from './intent-schema';
import { OUT_OF_SCOPE } from './model-types';
import type { Action, Disagreement, HandoffReason, IntentScore } from './types';

export const EMERGENCY_INTENT = 'emergency.urgent';

export interface PolicyConfig {
  /** FAQ answers go out without a person only at or above this calibrated confidence. */
  readonly autoAnswerThreshold: number;
  /** Emergency wins if its score reaches this, wherever it ranks: a missed emergency costs most. */
  readonly urgentThreshold: number;
  /**
   * Without a danger sign in the words (PolicyInput.dangerSign false), the emergency score must
   * reach this instead: vague or unrelated chat ("잘 모르겠어요", "오늘 야구 누가 이겼어요") lands
   * at 0.35–0.45 on a model that has seen little else so short, and a false urgent costs an
   * agent's top-priority attention and shows the citizen 119/112.
   */
  readonly urgentWithoutSignThreshold: number;
  /** Top-2 closer than this are ambiguous: clarify between two FAQs, otherwise hand off. */
  readonly margin: number;
  /** Clarify only when the top two together are at least this likely. */
  readonly clarifyMinCombined: number;
  /** Out-of-scope messages in a row (this one included) before a person takes a look. */
  readonly outOfScopeRepeatLimit: number;
  /** A FAQ candidate must score at least this to be offered in a clarify. */
  readonly clarifyMinScore: number;
  /** At most this many intents are offered in a clarify. */
  readonly clarifyMaxChoices: number;
}

export const DEFAULT_POLICY: PolicyConfig = {
  autoAnswerThreshold: 0.85,
  urgentThreshold: 0.3,
  urgentWithoutSignThreshold: 0.6,
  margin: 0.15,
  clarifyMinCombined: 0.7,
  outOfScopeRepeatLimit: 3,
  clarifyMinScore: 0.05,
  clarifyMaxChoices: 3,
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
  /** An intent the citizen ruled out: never answered, never offered. */
  readonly excluded?: string;
  /** Why an auto-answer would be unsafe here even at a high score. */
  readonly disagreement?: Disagreement;
  /** Two FAQ requests in one message: both are answered. */
  readonly requests?: readonly [string, string];
  /** A message too vague to answer ("증명서", "재난"): the FAQ intents it could mean. */
  readonly vague?: readonly string[];
  /**
   * Whether the words name a danger (a cue of an emergency situation: fire, 쓰러졌어요, 갇혔어요…).
   * Unset: the words were not read, and the model's emergency score alone decides.
   */
  readonly dangerSign?: boolean;
}

export interface PolicyOutcome {
  readonly intent: string;
  readonly confidence: number;
  readonly action: Action;
  readonly reason?: HandoffReason;
  /** For `clarify`: the intents to offer, most likely first. */
  readonly choices?: readonly string[];
  /** A second FAQ intent answered together with `intent`. */
  readonly alsoIntent?: string;
}

export function decideAction(input: PolicyInput, config: PolicyConfig = DEFAULT_POLICY): PolicyOutcome {
  const emergency = input.topK.find((s) => s.intent === EMERGENCY_INTENT);
  // Also when the emergency is only the best of weak guesses (below urgentThreshold): the words
  // must then carry a danger sign too, or decideRest would make it urgent by the intent's policy.
  if (emergency && (emergency.confidence >= config.urgentThreshold || input.intent === EMERGENCY_INTENT)) {
    const supported = input.dangerSign !== false || emergency.confidence >= config.urgentWithoutSignThreshold;
    if (supported) return { intent: EMERGENCY_INTENT, confidence: emergency.confidence, action: 'urgent', reason: 'urgent' };
    return decideWithoutEmergency(input, config);
  }
  return decideRest(input, config);
}

/**
 * The model half-sees an emergency the words do not support: decide among the other intents.
 * When the emergency was the best guess, a person still looks (at normal priority) unless what
 * is left is a FAQ question the citizen can be asked about.
 */
function decideWithoutEmergency(input: PolicyInput, config: PolicyConfig): PolicyOutcome {
  const topK = input.topK.filter((s) => s.intent !== EMERGENCY_INTENT);
  if (input.intent !== EMERGENCY_INTENT) return decideRest({ ...input, topK }, config);
  const next = topK[0];
  if (!next || (input.policyOf(next.intent) !== 'faq' && !input.vague))
    return { intent: next?.intent ?? OUT_OF_SCOPE, confidence: next?.confidence ?? 0, action: 'handoff', reason: 'low_confidence' };
  return decideRest({ ...input, topK, intent: next.intent, confidence: next.confidence }, config);
}

function decideRest(input: PolicyInput, config: PolicyConfig): PolicyOutcome {
  const { intent, confidence } = input;
  // Too vague to answer ("증명서", "서류요"): ask, whatever the model guessed, out of scope included.
  if (input.vague && input.vague.length >= 2 && input.policyOf(intent) !== 'handoff') {
    return { intent: input.vague[0]!, confidence, action: 'clarify', reason: 'ambiguous', choices: input.vague.slice(0, config.clarifyMaxChoices) };
  }
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
  if (input.requests) {
    const [first, also] = input.requests;
    return { intent: first, confidence, action: 'auto_answer', alsoIntent: also };
  }
  if (input.disagreement) return clarifyOrHandoff(input, config, 'ambiguous');
  const second = topK.find((s) => s.intent !== intent);
  const gap = confidence - (second?.confidence ?? 0);
  const threshold = input.thresholdOf(intent) ?? config.autoAnswerThreshold;
  if (second && gap < config.margin) return clarifyOrHandoff(input, config, 'ambiguous');
  if (confidence >= threshold) return { intent, confidence, action: 'auto_answer' };
  return clarifyOrHandoff(input, config, 'low_confidence');
}

/**
 * Not sure enough to answer: when the likely intents are FAQs, ask which one (the citizen
 * answers in one tap); only when they are not, or the model has no idea, a person looks.
 */
function clarifyOrHandoff(input: PolicyInput, config: PolicyConfig, reason: HandoffReason): PolicyOutcome {
  const { intent, confidence } = input;
  const choices = input.topK
    .filter((s) => s.intent !== input.excluded && s.confidence >= config.clarifyMinScore && input.policyOf(s.intent) === 'faq')
    .slice(0, config.clarifyMaxChoices)
    .map((s) => s.intent);
  const top = input.topK.find((s) => s.intent !== input.excluded);
  // The best remaining guess must itself be a FAQ: a likely request for a person or danger is no
  // multiple-choice question.
  const combined = input.topK.filter((s) => choices.includes(s.intent)).reduce((sum, s) => sum + s.confidence, 0);
  if (choices.length >= 2 && top && choices[0] === top.intent && combined >= config.clarifyMinCombined) {
    return { intent, confidence, action: 'clarify', reason: 'ambiguous', choices };
  }
  return { intent, confidence, action: 'handoff', reason };
}
