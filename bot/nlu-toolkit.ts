// The real text tools triage() runs with: language detection, entities and PII detection.
import { extractEntities } from './entities';
import { detectLanguage } from './language';
import { detectPii } from './pii';
import type { NluToolkit } from './triage';

export const NLU_TOOLKIT: NluToolkit = { detectLanguage, extractEntities, detectPii };
