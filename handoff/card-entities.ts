// The triage card's entities: Microsoft Recognizers-Text over the opening message (English dates,
// times, numbers, phone numbers, URLs), merged with what triage found. It runs here, in the worker
// when a ticket's card is built, because the recognizers cost 1–65 ms per message, far over
// triage's 1 ms p99 budget.
import { extractEntities } from '../bot/entities/extract';
import type { Decision, Entity, Redaction } from '../bot/types';

export function cardEntities(
  decision: Pick<Decision, 'entities' | 'language'>,
  text: string | undefined,
  now: Date,
  redact: (text: string) => Redaction,
): Entity[] {
  if (text === undefined || decision.language !== 'en') return [...decision.entities];
  // The stored text is already redacted; the entities pass the redactor again because the card is
  // stored and shown to agents (as process-inbound does for triage's own).
  const thorough = extractEntities(text, { now, language: 'en', thorough: true }).map((e) => ({
    ...e,
    text: redact(e.text).text,
    value: typeof e.value === 'string' ? redact(e.value).text : e.value,
  }));
  const kept = decision.entities.filter((e) => !thorough.some((t) => t.start < e.end && e.start < t.end));
  return [...thorough, ...kept].sort((a, b) => a.start - b.start);
}
