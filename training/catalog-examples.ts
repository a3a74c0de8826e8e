// The classifier's training set, drawn from the catalog: every example in both languages, plus
// each intent's names (clarify quick replies send a name back as the citizen's next message).
import type { LabelledExample } from '../bot/model-types';
import type { Catalog } from '../bot/intent-schema';

export function catalogExamples(catalog: Catalog): LabelledExample[] {
  return catalog.intents.flatMap((intent) => [
    ...intent.examples.ko.map((text) => ({ text, intent: intent.id })),
    ...intent.examples.en.map((text) => ({ text, intent: intent.id })),
    { text: intent.name.ko, intent: intent.id },
    { text: intent.name.en, intent: intent.id },
  ]);
}
