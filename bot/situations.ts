// Which urgent situation of an intent a message describes (intents/schema.ts situationSchema):
// the emergency type that decides the number to call first, or money just sent to a scammer.
// Cue matching ignores spaces and case, because citizens in a hurry drop both. Pure.
import type { IntentDefinition, IntentSituation } from './intent-schema';

const squeeze = (s: string) => s.toLowerCase().replace(/[\s'’.,!?~]+/gu, '');

export function matchSituation(text: string, intent: IntentDefinition | undefined): IntentSituation | undefined {
  if (!intent) return undefined;
  const hay = squeeze(text);
  const has = (cues: { ko: string[]; en: string[] } | undefined) => [...(cues?.ko ?? []), ...(cues?.en ?? [])].some((cue) => hay.includes(squeeze(cue)));
  return (intent.situations ?? []).find((s) => has(s.cues) && !has(s.except));
}
