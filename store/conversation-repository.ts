// Threads: one row per (channel, thread_key), with the state triage needs between messages.
import { sql, type Kysely, type Selectable } from 'kysely';
import { newId } from './ids';
import type { ChannelColumn, ConversationsTable, Schema } from './schema';

export type ConversationRow = Selectable<ConversationsTable>;

export interface ConversationInput {
  readonly channel: ChannelColumn;
  readonly threadKey: string;
  readonly contactId: string;
  readonly isPublic: boolean;
  readonly lastInboundAt: Date;
}

/** Finds or creates the thread and moves last_inbound_at forward (never back). */
export async function upsertConversation(db: Kysely<Schema>, input: ConversationInput): Promise<ConversationRow> {
  return db
    .insertInto('conversations')
    .values({
      id: newId(),
      channel: input.channel,
      thread_key: input.threadKey,
      contact_id: input.contactId,
      is_public: input.isPublic,
      language: null,
      last_inbound_at: input.lastInboundAt,
    })
    .onConflict((oc) =>
      oc.columns(['channel', 'thread_key']).doUpdateSet({
        last_inbound_at: sql`greatest(conversations.last_inbound_at, excluded.last_inbound_at)`,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findConversation(db: Kysely<Schema>, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** After a decision: count out-of-scope decisions in a row, remember the language. */
export async function recordDecisionOutcome(
  db: Kysely<Schema>,
  id: string,
  outcome: { readonly outOfScope: boolean; readonly language?: string },
): Promise<void> {
  await db
    .updateTable('conversations')
    .set((eb) => ({
      out_of_scope_streak: outcome.outOfScope ? eb('out_of_scope_streak', '+', 1) : 0,
      ...(outcome.language ? { language: outcome.language } : {}),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute();
}

export async function setConversationOwner(db: Kysely<Schema>, id: string, owner: 'bot' | 'human'): Promise<void> {
  await db.updateTable('conversations').set({ owner, updated_at: new Date() }).where('id', '=', id).execute();
}
