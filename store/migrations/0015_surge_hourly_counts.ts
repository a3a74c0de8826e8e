// 0015: messages per detector key (an intent or a region) and clock hour, kept for a few days, so
// surge detection compares a rate with the same hour on previous days (surge/hourly-baseline.ts)
// and the morning rush is not a surge. Topic clusters are not kept: a new topic has no history.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('surge_hourly_counts')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('hour', 'timestamptz', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint('surge_hourly_counts_pk', ['hour', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('surge_hourly_counts').execute();
}
