// Values that pass between the NLU stages and triage(). Everything here is plain data:
// serialisable, readonly, and free of I/O handles.

export type Language = 'ko' | 'en' | 'mixed' | 'unknown';

/** What the bot does with a message. */
export type Action =
  | 'auto_answer' // confident FAQ: reply at once with the catalog answer and links
  | 'clarify' // two close FAQ guesses: ask which one, top-2 as quick replies
  | 'handoff' // a person must look: ticket with triage card
  | 'urgent' // emergency numbers at once + top-priority handoff
  | 'moderate' // abuse: no public reply, moderation flag
  | 'smalltalk' // greeting / thanks: short courtesy reply
  | 'decline'; // out of scope: short "we can't help with that here"

export const ACTIONS: readonly Action[] = ['auto_answer', 'clarify', 'handoff', 'urgent', 'moderate', 'smalltalk', 'decline'];

/** Why a message went to a person. Shown on the triage card. */
export type HandoffReason =
  | 'low_confidence'
  | 'ambiguous'
  | 'out_of_scope_repeat'
  | 'urgent'
  | 'requested_human'
  | 'policy_handoff'
  | 'negative_feedback'
  | 'channel_limit'
  | 'media_only'; // a photo, video, file, voice message or location with no words

/**
 * Why the bot acted as it did: a handoff reason, or `surge_pinned` when a supervisor's pinned
 * answer for a surge answered the message (surge/pinned-answers.ts, after triage).
 */
export type DecisionReason = HandoffReason | 'surge_pinned';

export interface IntentScore {
  readonly intent: string;
  /** Calibrated probability in [0, 1]. */
  readonly confidence: number;
}

export interface Entity {
  /** e.g. 'date', 'region', 'document', 'phone', 'url', 'email', 'number', 'holiday'. */
  readonly type: string;
  /** The matched text, as it appears in the input. */
  readonly text: string;
  /** UTF-16 offsets into the input: text === input.slice(start, end). */
  readonly start: number;
  readonly end: number;
  /** Resolved value, e.g. an ISO date, a normalised region name, a canonical document id. */
  readonly value: unknown;
}

export type PiiType = 'RRN' | 'PHONE' | 'CARD' | 'ACCOUNT' | 'PASSPORT' | 'EMAIL';

export interface PiiFinding {
  readonly type: PiiType;
  readonly start: number;
  readonly end: number;
}

export interface Redaction {
  /** The input with every finding replaced by its tag, e.g. `[RRN]`. */
  readonly text: string;
  readonly findings: readonly PiiFinding[];
}

export interface Link {
  readonly label: string;
  readonly url: string;
}

export interface QuickReply {
  readonly label: string;
  /** Text sent back as the citizen's message when chosen. */
  readonly text: string;
}

export interface Reply {
  readonly text: string;
  readonly links: readonly Link[];
  readonly quickReplies?: readonly QuickReply[];
}

/** What triage() needs to know about the thread a message belongs to. */
export interface ConversationContext {
  readonly channel: string;
  /** A public mention or comment (true) or a DM / chat (false). */
  readonly isPublic: boolean;
  /** Preferred reply language if known; otherwise the message's own language is used. */
  readonly language?: Language;
  /** Out-of-scope decisions in a row just before this message. */
  readonly recentOutOfScope: number;
  /** The time the message arrived (for seasonal answers and relative dates). */
  readonly now: Date;
  /** The intents the bot's last message offered in a clarifying question, if it asked one. */
  readonly pendingChoices?: readonly string[];
}

export interface Decision {
  /** Winning intent after thresholds ('out_of_scope' when rejected). */
  readonly intent: string;
  readonly confidence: number;
  /** Top intents with calibrated scores, best first (before thresholds). */
  readonly topK: readonly IntentScore[];
  readonly entities: readonly Entity[];
  readonly pii: readonly PiiFinding[];
  readonly language: Language;
  readonly action: Action;
  readonly reply?: Reply;
  readonly reason?: DecisionReason;
  /** For `clarify`: the intents offered as quick replies, in order. */
  readonly choices?: readonly string[];
  /** A second FAQ intent answered in the same reply (a message asking two questions). */
  readonly alsoIntent?: string;
  /** Why a card needs care beyond its reason, e.g. 'abusive_language'. */
  readonly flags?: readonly DecisionFlag[];
  /** Which emergency or urgent situation the reply was written for, e.g. 'fire', 'money_sent'. */
  readonly situation?: string;
  readonly modelVersion: string;
}

export type DecisionFlag = 'abusive_language';

/** Why an auto-answer would be unsafe even at a high score (bot/reading.ts). */
export type Disagreement = 'contrast' | 'two_intents' | 'long_close';
