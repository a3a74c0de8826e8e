// 0009: surges (surge/). One row per detected surge of a topic, intent or region: what the
// detection job saw (counts per minute, samples, top terms, regions, channels), the MinHash
// signatures that stand for its messages (to match later ones), and the supervisor's pinned
// answer. Why a table: every API process lists surges and every worker matches pinned answers,
// while detection runs on one worker.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('surges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('topic', 'intent', 'region')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('intent', 'text')
    .addColumn('region', 'text')
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('rate_per_min', 'double precision', (c) => c.notNull())
    .addColumn('baseline_per_min', 'double precision', (c) => c.notNull())
    .addColumn('per_minute', 'jsonb', (c) => c.notNull())
    .addColumn('sample_message_ids', 'jsonb', (c) => c.notNull())
    .addColumn('top_terms', 'jsonb', (c) => c.notNull())
    .addColumn('regions', 'jsonb', (c) => c.notNull())
    .addColumn('channels', 'jsonb', (c) => c.notNull())
    .addColumn('signatures', 'jsonb', (c) => c.notNull())
    .addColumn('pinned_answer', 'jsonb')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('surges_status_opened').on('surges').columns(['status', 'opened_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('surges').execute();
}
