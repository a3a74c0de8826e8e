// The catalog as trainers edit it: intent definitions in `intents` (answers, links, policy…)
// and their examples as rows in `examples`, so one example can be added, removed or traced to
// the inbox message it came from. Seeded once from intents/catalog/*.yaml.
import type { Kysely, Selectable } from 'kysely';
import { detectLanguage } from '../bot/language';
import { intentSchema, type Catalog, type IntentDefinition } from '../bot/intent-schema';
import { newId } from '../store/ids';
import type { ExamplesTable, Schema } from '../store/schema';

/** Copies a file catalog into empty tables. Returns false (and writes nothing) if already seeded. */
export async function seedCatalogIfEmpty(db: Kysely<Schema>, catalog: Catalog): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('intents').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    for (const intent of catalog.intents) {
      const { examples, ...definition } = intent;
      await trx
        .insertInto('intents')
        .values({ id: intent.id, definition: JSON.stringify(definition) })
        .execute();
      const rows = [...examples.ko, ...examples.en].map((text) => ({
        id: newId(),
        intent_id: intent.id,
        text,
        language: detectLanguage(text) === 'en' ? 'en' : 'ko',
        source: 'catalog' as const,
      }));
      // Chunked: PostgreSQL caps bind parameters per statement.
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('examples')
          .values(rows.slice(i, i + 500))
          .execute();
      }
    }
    return true;
  });
}

/** The catalog as stored, validated against the same schema as the files. */
export async function loadCatalogFromDb(db: Kysely<Schema>): Promise<Catalog> {
  const [intentRows, exampleRows] = await Promise.all([
    db.selectFrom('intents').select(['id', 'definition']).orderBy('id').execute(),
    db.selectFrom('examples').select(['intent_id', 'text', 'language']).orderBy('id').execute(),
  ]);
  const examples = new Map<string, { ko: string[]; en: string[] }>();
  for (const row of exampleRows) {
    const bucket = examples.get(row.intent_id) ?? { ko: [], en: [] };
    (row.language === 'en' ? bucket.en : bucket.ko).push(row.text);
    examples.set(row.intent_id, bucket);
  }
  const intents: IntentDefinition[] = intentRows.map((row) => {
    const definition = typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition;
    const parsed = intentSchema.safeParse({ ...definition, examples: examples.get(row.id) ?? { ko: [], en: [] } });
    if (!parsed.success) {
      throw new Error(`intent "${row.id}" in the database is invalid: ${parsed.error.issues[0]?.message}`);
    }
    return parsed.data;
  });
  return { intents, byId: new Map(intents.map((i) => [i.id, i])) };
}

export type ExampleRecord = Selectable<ExamplesTable>;

export async function listIntentRows(db: Kysely<Schema>) {
  return db.selectFrom('intents').select(['id', 'definition', 'updated_at']).orderBy('id').execute();
}

export async function findIntentRow(db: Kysely<Schema>, id: string) {
  return db.selectFrom('intents').select(['id', 'definition', 'updated_at']).where('id', '=', id).executeTakeFirst();
}

export async function insertIntent(db: Kysely<Schema>, id: string, definition: object): Promise<void> {
  await db
    .insertInto('intents')
    .values({ id, definition: JSON.stringify(definition) })
    .execute();
}

export async function updateIntentDefinition(db: Kysely<Schema>, id: string, definition: object): Promise<void> {
  await db
    .updateTable('intents')
    .set({ definition: JSON.stringify(definition), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Deletes the intent and its examples; returns how many examples went with it. */
export async function deleteIntent(db: Kysely<Schema>, id: string): Promise<number> {
  const removed = await db.deleteFrom('examples').where('intent_id', '=', id).executeTakeFirst();
  await db.deleteFrom('intents').where('id', '=', id).execute();
  return Number(removed.numDeletedRows);
}

/** Examples per intent and language. */
export async function countExamples(db: Kysely<Schema>) {
  return db
    .selectFrom('examples')
    .select(['intent_id', 'language', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['intent_id', 'language'])
    .execute();
}

/** Every example's intent, text and language (for duplicate checks). */
export async function allExampleTexts(db: Kysely<Schema>) {
  return db.selectFrom('examples').select(['intent_id', 'text', 'language']).execute();
}

export async function insertExample(
  db: Kysely<Schema>,
  example: { intentId: string; text: string; language: 'ko' | 'en'; source: ExamplesTable['source']; createdBy: string },
): Promise<ExampleRecord> {
  return db
    .insertInto('examples')
    .values({ id: newId(), intent_id: example.intentId, text: example.text, language: example.language, source: example.source, created_by: example.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listExampleRows(db: Kysely<Schema>, intentId: string): Promise<ExampleRecord[]> {
  return db.selectFrom('examples').selectAll().where('intent_id', '=', intentId).orderBy('id').execute();
}

/** Deletes one example of an intent; returns it, or undefined when there is no such example. */
export async function deleteExampleRow(db: Kysely<Schema>, intentId: string, exampleId: string): Promise<ExampleRecord | undefined> {
  return db.deleteFrom('examples').where('id', '=', exampleId).where('intent_id', '=', intentId).returningAll().executeTakeFirst();
}
