// Which urgent situation of an intent a message describes (intents/schema.ts situationSchema):
// the emergency type that decides the number to call first, or money just sent to a scammer.
// Cue matching ignores spaces and case, because citizens in a hurry drop both. Pure.
import type { IntentDefinition, IntentSituation } from './intent-schema';

type Cues = { ko: string[]; en: string[] } | undefined;

const squeeze = (s: string) => s.toLowerCase().replace(/[\s'’.,!?~]+/gu, '');
const LATIN_CUE = /^[a-z][a-z'’ -]*$/i;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const latinCue = new Map<string, RegExp>();

/**
 * Korean cues match anywhere in the text with spaces dropped; an English cue must start a word
 * (spaces between its words still optional), so "gun" is not found in "begun" or "Osong underpass".
 */
function matcher(text: string): (cues: Cues) => boolean {
  const hay = squeeze(text);
  const lower = text.toLowerCase();
  const found = (cue: string) => {
    if (!LATIN_CUE.test(cue)) return hay.includes(squeeze(cue));
    let re = latinCue.get(cue);
    if (!re) {
      const letters = squeeze(cue).split('').map(escape).join("[\\s'’.,!?~]*");
      re = new RegExp(`(?<![a-z])${letters}`, 'i');
      latinCue.set(cue, re);
    }
    return re.test(lower);
  };
  return (cues) => [...(cues?.ko ?? []), ...(cues?.en ?? [])].some(found);
}

/** The first situation whose cues or places the message names (for a message already urgent). */
export function matchSituation(text: string, intent: IntentDefinition | undefined): IntentSituation | undefined {
  if (!intent) return undefined;
  const has = matcher(text);
  return (intent.situations ?? []).find((s) => (has(s.cues) || has(s.places)) && !has(s.except));
}

/**
 * Whether the words name a danger of one of the intent's situations: a cue, not merely a place
 * ("지하차도 통제 언제 풀려요" names an underpass, "지하차도에 갇혔어요" a danger).
 */
export function hasDangerSign(text: string, intent: IntentDefinition | undefined): boolean {
  if (!intent) return false;
  const has = matcher(text);
  return (intent.situations ?? []).some((s) => has(s.cues) && !has(s.except));
}
