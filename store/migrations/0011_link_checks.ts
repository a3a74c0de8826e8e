// 0011: link_checks (freshness/). The latest result of checking each official link the catalog
// answers with: one row per URL, replaced by every check. Why a table: the check runs on one
// worker a few requests a minute, while every API process shows broken links in the studio and
// the dashboard.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('link_checks')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ok', 'redirected', 'broken', 'unreachable', 'blocked')`))
    .addColumn('http_status', 'integer')
    .addColumn('final_url', 'text')
    .addColumn('error', 'text')
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('link_checks').ifExists().execute();
}
