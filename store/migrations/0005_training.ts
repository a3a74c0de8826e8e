// 0005: what trainers edit and publish: intent definitions, examples and model versions.
// Why: the catalog YAML seeds these; edits made in the console live here so a retrain can be
// reproduced, and a model version is stored whole so publishing or rolling back is one update.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('intents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('examples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('intent_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('catalog', 'relabel', 'inbox')`))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('examples_intent').on('examples').column('intent_id').execute();

  await db.schema
    .createTable('model_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'published', 'retired')`),
    )
    .addColumn('metrics', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'text')
    .execute();
  // Exactly one model answers citizens at a time.
  await db.schema
    .createIndex('model_versions_one_published')
    .on('model_versions')
    .expression(sql`(status)`)
    .unique()
    .where(sql.ref('status'), '=', 'published')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['model_versions', 'examples', 'intents']) await db.schema.dropTable(table).execute();
}
