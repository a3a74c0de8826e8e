// The intents an agent may relabel to. The trainer API's catalog (GET /intents) has their names;
// agents may not be allowed to read it, so the fixed taxonomy ids are the fallback.
import { INTENT_IDS } from '../../intents/intent-ids';
import type { Api } from '../shared/api';

export interface IntentChoice {
  readonly id: string;
  readonly name?: { readonly ko: string; readonly en: string };
}

interface IntentListAnswer {
  readonly intents?: readonly { readonly id: string; readonly name?: { readonly ko: string; readonly en: string } }[];
}

export async function loadIntentChoices(api: Api): Promise<readonly IntentChoice[]> {
  try {
    const answer = await api.get<IntentListAnswer>('/intents');
    if (Array.isArray(answer.intents) && answer.intents.length > 0) return answer.intents.map((i) => ({ id: i.id, name: i.name }));
  } catch {
    // 403 for agents without the trainer role, or 404 before the trainer API is mounted.
  }
  return INTENT_IDS.map((id) => ({ id }));
}
