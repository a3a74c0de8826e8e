// The catalog as trainers edit it: intent definitions in `intents` (answers, links, policy…)
// and their examples as rows in `examples`, so one example can be added, removed or traced to
// the inbox message it came from. Seeded once from intents/catalog/*.yaml.
import type { Kysely } from 'kysely';
import { detectLanguage } from '../bot/language';
import { intentSchema, type Catalog, type IntentDefinition } from '../bot/intent-schema';
import { newId } from '../store/ids';
import type { Schema } from '../store/schema';

/** Copies a file catalog into empty tables. Returns false (and writes nothing) if already seeded. */
export async function seedCatalogIfEmpty(db: Kysely<Schema>, catalog: Catalog): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('intents').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    for (const intent of catalog.intents) {
      const { examples, ...definition } = intent;
      await trx.insertInto('intents').values({ id: intent.id, definition: JSON.stringify(definition) }).execute();
      const rows = [...examples.ko, ...examples.en].map((text) => ({
        id: newId(),
        intent_id: intent.id,
        text,
        language: detectLanguage(text) === 'en' ? 'en' : 'ko',
        source: 'catalog' as const,
      }));
      // Chunked: PostgreSQL caps bind parameters per statement.
      for (let i = 0; i < rows.length; i += 500) {
        await trx.insertInto('examples').values(rows.slice(i, i + 500)).execute();
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
