// The intent catalog file format: one YAML file per intent in intents/catalog/<id>.yaml.
// Trainers own these files; the loader (intents/loader.ts) validates them against this schema
// and reports errors with file, field and line.
import { z } from 'zod';
import { sanitizeText } from '../bot/sanitize-text';

export const POLICIES = ['faq', 'urgent', 'handoff', 'moderate', 'smalltalk', 'decline'] as const;
export type Policy = (typeof POLICIES)[number];

/** Trainer-written text: through the same edge sanitiser as citizens' text. */
const text = () => z.string().overwrite(sanitizeText);

const bilingual = z.object({ ko: text().min(1), en: text().min(1) }).strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const linkSchema = z
  .object({
    label: bilingual,
    /** https URL, or `tel:110` for phone numbers. */
    url: z.string().regex(/^(https:\/\/|tel:)/, 'links must be https:// or tel:'),
    /** The date someone last checked that the link works and says what we claim. */
    checked: isoDate,
    /** How it was checked, e.g. 'official site (stored page)', 'news article'. */
    evidence: z.string().min(1).optional(),
  })
  .strict();

export const answerSchema = z
  .object({
    /** Public reply (mention / comment): at most 280 characters with links rendered. */
    public: bilingual,
    /** Private reply (DM / chat): may be longer. */
    private: bilingual,
    /** Indexes into the intent's `links` to attach to this answer. */
    links: z.array(z.number().int().min(0)).default([]),
    /** Seasonal window; an answer with no window is the fallback. Inclusive dates. */
    effective: z.object({ from: isoDate, to: isoDate }).strict().optional(),
    /** Who keeps this answer true (a team or person). Unset: the intent's owner department. */
    owner: z.string().trim().min(1).optional(),
    /** Re-read the answer against its sources by this date; past it, the studio and dashboard list it. */
    reviewBy: isoDate.optional(),
  })
  .strict();

const cueList = z.object({ ko: z.array(z.string().min(1)).default([]), en: z.array(z.string().min(1)).default([]) }).strict();

/**
 * A situation within an intent that needs its own urgent answer: an emergency type (fire → 119,
 * sea → 122, suicide → 109 …) or a time-critical case of a FAQ (money just sent to a scammer).
 * Matching any cue (a substring of the message, spaces and case ignored) makes the message
 * `urgent` with this answer and a top-priority ticket. Situations are tried in file order.
 * For the emergency intent, a cue is also a danger sign (bot/policy.ts urgentWithoutSignThreshold).
 */
export const situationSchema = z
  .object({
    id: z.string().regex(/^[a-z_]+$/, 'situation ids look like "money_sent"'),
    cues: cueList,
    /**
     * Where the situation happens ("지하차도", "바다", "엘베"): picks this answer for a message that
     * is already urgent, but is no danger sign on its own. People ask about a closed underpass or
     * a beach's opening day without being in danger.
     */
    places: cueList.optional(),
    /** Cues that cancel a match: "안 보냈어요" names sending only to deny it. */
    except: cueList.optional(),
    answer: answerSchema,
  })
  .strict();

export const intentSchema = z
  .object({
    id: z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/, 'ids look like "cert.family_relation"'),
    name: bilingual,
    policy: z.enum(POLICIES),
    /** Overrides the global auto-answer confidence threshold for this intent. */
    threshold: z.number().min(0).max(1).optional(),
    /** Queue that handles this intent's handoffs, and its department name. */
    owner: z.object({ queue: z.string().min(1), department: bilingual }).strict(),
    examples: z.object({ ko: z.array(text().min(1)), en: z.array(text().min(1)) }).strict(),
    links: z.array(linkSchema).default([]),
    answers: z.array(answerSchema).default([]),
    /** Urgent situations with their own answers (see situationSchema). */
    situations: z.array(situationSchema).optional(),
    /**
     * Words that on their own could mean this intent or another ("증명서", "재난"): a message made
     * of nothing else gets a clarifying question offering every intent that lists the word.
     */
    broadTerms: cueList.optional(),
  })
  .strict();

export type IntentLink = z.infer<typeof linkSchema>;
export type IntentAnswer = z.infer<typeof answerSchema>;
export type IntentDefinition = z.infer<typeof intentSchema>;
export type IntentSituation = z.infer<typeof situationSchema>;

/** The whole catalog, as loaded. */
export interface Catalog {
  readonly intents: readonly IntentDefinition[];
  readonly byId: ReadonlyMap<string, IntentDefinition>;
}
