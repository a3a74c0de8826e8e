// Examples as trainers and the inbox add them: PII-redacted like every stored text, and refused
// (409, naming the other intent) when the same or nearly the same text already teaches another
// intent, or is already an example of this one. The check is intents/duplicates.ts, run over
// the stored examples plus the new ones.
import type { Kysely } from 'kysely';
import { detectLanguage } from '../bot/language';
import { redactPii } from '../bot/pii';
import { DEFAULT_DUPLICATE_THRESHOLD, findCrossIntentDuplicates } from '../intents/duplicates';
import type { Catalog, IntentDefinition } from '../bot/intent-schema';
import { allExampleTexts, deleteExampleRow, insertExample, listExampleRows } from './catalog-repository';
import type { ExamplesTable, Schema } from '../store/schema';
import { DomainError } from '../core/errors';

export type ExampleSource = ExamplesTable['source'];
export type ExampleLanguage = 'ko' | 'en';

export interface StoredExample {
  readonly id: string;
  readonly intentId: string;
  readonly text: string;
  readonly language: string;
  readonly source: ExampleSource;
  readonly createdBy: string | null;
  readonly createdAt: string;
}

export interface NewExample {
  readonly text: string;
  /** Detected from the text when absent. */
  readonly language?: ExampleLanguage;
}

export interface AddedExample extends StoredExample {
  /** PII was found and replaced by tags before storing. */
  readonly redacted: boolean;
}

const MARKER = '\u0000new';

type ExampleRow = Pick<ExamplesTable, 'intent_id' | 'text' | 'language'>;

/** The rows in the shape findCrossIntentDuplicates reads (ids and examples only). */
function asCatalog(groups: ReadonlyMap<string, { ko: string[]; en: string[] }>): Catalog {
  const intents = [...groups].map(([id, examples]) => ({ id, examples }) as unknown as IntentDefinition);
  return { intents, byId: new Map(intents.map((i) => [i.id, i])) };
}

function group(rows: readonly ExampleRow[]): Map<string, { ko: string[]; en: string[] }> {
  const groups = new Map<string, { ko: string[]; en: string[] }>();
  for (const row of rows) {
    const bucket = groups.get(row.intent_id) ?? { ko: [], en: [] };
    (row.language === 'en' ? bucket.en : bucket.ko).push(row.text);
    groups.set(row.intent_id, bucket);
  }
  return groups;
}

/** Throws 409 if `text` (for `intentId`) duplicates one of `existing`. */
function assertNotDuplicate(existing: readonly ExampleRow[], intentId: string, text: string, language: ExampleLanguage): void {
  const groups = group(existing);
  groups.set(MARKER, language === 'en' ? { ko: [], en: [text] } : { ko: [text], en: [] });
  const pairs = findCrossIntentDuplicates(asCatalog(groups), { threshold: DEFAULT_DUPLICATE_THRESHOLD }).filter((p) => p.b.intent === MARKER);
  const crossIntent = pairs.find((p) => p.a.intent !== intentId);
  if (crossIntent) {
    throw new DomainError(
      'conflict',
      `"${text}" is ${crossIntent.similarity === 1 ? 'already' : 'nearly the same as'} an example of ${crossIntent.a.intent}: "${crossIntent.a.text}"`,
      { conflictingIntent: crossIntent.a.intent, conflictingExample: crossIntent.a.text, similarity: crossIntent.similarity },
    );
  }
  const same = pairs.find((p) => p.a.intent === intentId && p.similarity === 1);
  if (same) {
    throw new DomainError('conflict', `"${text}" is already an example of ${intentId}`, {
      conflictingIntent: intentId,
      conflictingExample: same.a.text,
      similarity: 1,
    });
  }
}

function toStored(row: {
  id: string;
  intent_id: string;
  text: string;
  language: string;
  source: ExampleSource;
  created_by: string | null;
  created_at: Date;
}): StoredExample {
  return {
    id: row.id,
    intentId: row.intent_id,
    text: row.text,
    language: row.language,
    source: row.source,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Adds examples to an intent inside `trx`, checking each against the stored examples and the
 * ones added before it. All or nothing: the first duplicate throws and the caller's
 * transaction rolls back.
 */
export async function addExamples(
  trx: Kysely<Schema>,
  intentId: string,
  examples: readonly NewExample[],
  source: ExampleSource,
  actor: string,
): Promise<AddedExample[]> {
  const existing: ExampleRow[] = await allExampleTexts(trx);
  const added: AddedExample[] = [];
  for (const example of examples) {
    const redaction = redactPii(example.text.trim());
    const text = redaction.text;
    if (text.length === 0) throw new DomainError('invalid', 'an example must not be empty');
    const language = example.language ?? (detectLanguage(text) === 'en' ? 'en' : 'ko');
    assertNotDuplicate(existing, intentId, text, language);
    const row = await insertExample(trx, { intentId, text, language, source, createdBy: actor });
    existing.push(row);
    added.push({ ...toStored(row), redacted: redaction.findings.length > 0 });
  }
  return added;
}

export async function listExamples(db: Kysely<Schema>, intentId: string): Promise<StoredExample[]> {
  const rows = await listExampleRows(db, intentId);
  return rows.map(toStored);
}

/** Deletes one example of an intent; returns it, or throws not_found. */
export async function deleteExample(trx: Kysely<Schema>, intentId: string, exampleId: string): Promise<StoredExample> {
  const row = await deleteExampleRow(trx, intentId, exampleId);
  if (!row) throw new DomainError('not_found', `example ${exampleId} of intent ${intentId}`);
  return toStored(row);
}
