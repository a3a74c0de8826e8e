// 0012: decisions.dialog (issue 17). What the dialog rules added to a decision, as one JSON
// object: the intents a clarifying question offered (the next message may pick one by label or
// number, and a second unclear answer goes to a person), the second intent of a two-question
// answer, card flags such as abusive_language, and the urgent situation the reply was written
// for. Null for decisions with none of these.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').addColumn('dialog', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').dropColumn('dialog').execute();
}
