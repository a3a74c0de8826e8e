// 0010: what the pipeline needs to survive faults.
// - messages.status gains 'dead' (processing failed the same way on every attempt) and
//   messages.last_error says why, so a poison message stops being retried and agents can see it.
// - outbox.send_token: the attempt that holds a row in 'sending'. Only that attempt may mark the
//   row sent or release it, so a slow job whose lease ran out and the attempt that took the row
//   over never both finish it.
// - rejected_events: events a platform delivered that the pipeline could not store as given
//   (empty id, impossible timestamp…), with the reason. The rest of their delivery is stored.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages drop constraint if exists messages_status_check`.execute(db);
  await sql`alter table messages add constraint messages_status_check check (status in ('received', 'processing', 'processed', 'dead'))`.execute(db);
  await db.schema.alterTable('messages').addColumn('last_error', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('send_token', 'text').execute();
  await db.schema
    .createTable('rejected_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('messages_dead_idx').on('messages').column('status').where(sql.ref('status'), '=', 'dead').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_dead_idx').ifExists().execute();
  await db.schema.dropTable('rejected_events').ifExists().execute();
  await db.schema.alterTable('outbox').dropColumn('send_token').execute();
  await db.schema.alterTable('messages').dropColumn('last_error').execute();
  await sql`update messages set status = 'processing' where status = 'dead'`.execute(db);
  await sql`alter table messages drop constraint if exists messages_status_check`.execute(db);
  await sql`alter table messages add constraint messages_status_check check (status in ('received', 'processing', 'processed'))`.execute(db);
}
