// Reading a message before the policy decides: which scores to trust when the citizen rules a
// topic out (contrast), sets the scene before asking (context), or asks two things at once.
// The classifier scores each part on its own — features scoped to the clause — and this module
// says which part's scores stand. Pure: a function of the text and the model.
import { lastClause, requestParts, sentenceCount } from './clauses';
import { splitContrast } from './contrast';
import { OUT_OF_SCOPE, type IntentModel } from './model-types';
import { EMERGENCY_INTENT } from './policy';
import type { Disagreement, IntentScore } from './types';

export interface Reading {
  /** The scores the policy decides on, best first. */
  readonly scores: readonly IntentScore[];
  /** An intent the citizen ruled out ("X 말고"): never answered, never offered. */
  readonly excluded?: string;
  /** Two FAQ requests found in separate parts of the message, in the order asked. */
  readonly requests?: readonly [string, string];
  /** Why an auto-answer would be unsafe even at a high score. */
  readonly disagreement?: Disagreement;
}

export interface ReadingConfig {
  /** The excluded part must name a topic at least this clearly to exclude it. */
  readonly excludeMin: number;
  /** The kept part (or last clause, or each request) must be at least this clear to be read alone. */
  readonly partMin: number;
  /** The kept part is read on its own when its top (out of scope included) is at least this likely. */
  readonly keptMin: number;
  /** A last clause shorter than this (letters, spaces not counted) is too generic to override. */
  readonly clauseMinChars: number;
  /** The last clause overrides the whole message's top intent only when it is this clear. */
  readonly clauseMin: number;
  /** Two FAQ intents both at least this likely are "both strongly present". */
  readonly bothPresentMin: number;
  /** A long message's top two closer than this disagree. */
  readonly longCloseGap: number;
  readonly longMinChars: number;
}

export const DEFAULT_READING: ReadingConfig = {
  excludeMin: 0.4,
  partMin: 0.6,
  keptMin: 0.5,
  clauseMinChars: 7,
  clauseMin: 0.9,
  bothPresentMin: 0.3,
  longCloseGap: 0.3,
  longMinChars: 40,
};

export function readMessage(text: string, model: IntentModel, isFaq: (intent: string) => boolean, config: ReadingConfig = DEFAULT_READING): Reading {
  const full = model.predict(text);
  const top = (s: readonly IntentScore[]) => s[0];
  const clear = (s: IntentScore | undefined, min: number): s is IntentScore => s !== undefined && s.intent !== OUT_OF_SCOPE && s.confidence >= min;

  const contrast = splitContrast(text);
  if (contrast) {
    const ruledOut = top(model.predict(contrast.excluded));
    if (clear(ruledOut, config.excludeMin) && isFaq(ruledOut.intent)) {
      const kept = contrast.kept.length >= 2 ? model.predict(contrast.kept) : [];
      const keptTop = top(kept);
      // "보이스피싱은 아니고 … 개인 계좌로 넣으래요", "미국 비자 말고 … 한국 여권": when the kept part
      // itself reads as the excluded topic, the citizen is asking about it after all.
      if (!(keptTop?.intent === ruledOut.intent && keptTop.confidence >= config.keptMin)) {
        // A clear kept part stands on its own, out of scope included ("여행사 말고, 일정 추천").
        const guess = !keptTop || keptTop.confidence < config.keptMin;
        // Otherwise the rest is a guess among the FAQ neighbours of the excluded topic: the citizen
        // named a topic we handle. Danger still comes through from the whole message.
        const base = guess ? full.filter((s) => isFaq(s.intent)) : kept;
        const scores = withEmergency(
          base.filter((s) => s.intent !== ruledOut.intent),
          full,
        );
        return { scores, excluded: ruledOut.intent, ...(guess ? { disagreement: 'contrast' as const } : {}) };
      }
    }
  }

  const parts = requestParts(text)
    .map((p) => top(model.predict(p)))
    .filter((s): s is IntentScore => clear(s, config.partMin) && isFaq(s.intent));
  const distinct = [...new Set(parts.map((s) => s.intent))];
  if (distinct.length >= 2) {
    const requests: [string, string] = [distinct[0]!, distinct[1]!];
    return { scores: full, requests };
  }

  const clause = lastClause(text);
  if (clause && clause.replace(/\s+/g, '').length >= config.clauseMinChars) {
    const asked = model.predict(clause);
    const askedTop = top(asked);
    if (clear(askedTop, config.clauseMin) && isFaq(askedTop.intent) && askedTop.intent !== full[0]?.intent) {
      return { scores: withEmergency(asked, full) };
    }
  }

  const [first, second] = full;
  if (first && second && isFaq(first.intent) && isFaq(second.intent)) {
    if (second.confidence >= config.bothPresentMin) return { scores: full, disagreement: 'two_intents' };
    const long = text.length >= config.longMinChars && sentenceCount(text) >= 2;
    if (long && first.confidence - second.confidence < config.longCloseGap) return { scores: full, disagreement: 'long_close' };
  }
  return { scores: full };
}

/** A part read alone must not hide danger the whole message shows. */
function withEmergency(scores: readonly IntentScore[], full: readonly IntentScore[]): IntentScore[] {
  const danger = full.find((s) => s.intent === EMERGENCY_INTENT);
  const rest = scores.filter((s) => s.intent !== EMERGENCY_INTENT);
  const own = scores.find((s) => s.intent === EMERGENCY_INTENT);
  const best = Math.max(danger?.confidence ?? 0, own?.confidence ?? 0);
  return [...rest, ...(best > 0 ? [{ intent: EMERGENCY_INTENT, confidence: best }] : [])].sort((a, b) => b.confidence - a.confidence);
}
