// Citizen feedback rows: the CSAT request made on resolve and its answer (ticket_ratings), 👍/👎 on
// bot answers (answer_feedback), and the trainer-inbox candidate a 👎 leaves (training_candidates).
import type { Kysely } from 'kysely';
import type { ReplyLanguage } from '../bot/texts';
import { newId } from '../store/ids';
import type { Schema } from '../store/schema';

export class FeedbackRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** The conversation's reply language: English only when it was detected as such. */
  async conversationLanguage(conversationId: string): Promise<ReplyLanguage> {
    const row = await this.db.selectFrom('conversations').select('language').where('id', '=', conversationId).executeTakeFirst();
    return row?.language === 'en' ? 'en' : 'ko';
  }

  /** Asks once per ticket; a second resolve of the same ticket (reopened) asks again. */
  async requestRating(input: { ticketId: string; conversationId: string; agentId: string | null; at: Date }): Promise<void> {
    await this.db
      .insertInto('ticket_ratings')
      .values({ ticket_id: input.ticketId, conversation_id: input.conversationId, agent_id: input.agentId, requested_at: input.at })
      .onConflict((oc) => oc.column('ticket_id').doUpdateSet({ agent_id: input.agentId, requested_at: input.at, score: null, comment: null, rated_at: null }))
      .execute();
  }

  /** The newest request of the conversation made since `since` and not yet answered. */
  async pendingRating(conversationId: string, since: Date) {
    return this.db
      .selectFrom('ticket_ratings')
      .select(['ticket_id', 'requested_at'])
      .where('conversation_id', '=', conversationId)
      .where('score', 'is', null)
      .where('requested_at', '>=', since)
      .orderBy('requested_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Records (or, within the window, corrects) the answer; false when there is no such request. */
  async rate(input: { ticketId: string; conversationId: string; score: number; comment: string | null; at: Date; since: Date }): Promise<boolean> {
    const updated = await this.db
      .updateTable('ticket_ratings')
      .set({ score: input.score, rated_at: input.at, ...(input.comment !== null ? { comment: input.comment } : {}) })
      .where('ticket_id', '=', input.ticketId)
      .where('conversation_id', '=', input.conversationId)
      .where('requested_at', '>=', input.since)
      .returning('ticket_id')
      .executeTakeFirst();
    return updated !== undefined;
  }

  /** The citizen message with the decision that answered it, if it belongs to the conversation. */
  async answeredMessage(conversationId: string, messageId: string) {
    return this.db
      .selectFrom('messages')
      .innerJoin('decisions', 'decisions.message_id', 'messages.id')
      .select(['messages.id', 'messages.text', 'messages.ticket_id', 'decisions.intent', 'decisions.language'])
      .where('messages.id', '=', messageId)
      .where('messages.conversation_id', '=', conversationId)
      .where('messages.direction', '=', 'in')
      .executeTakeFirst();
  }

  /**
   * Stores 👍/👎 (a change of mind overwrites it). A 👎 also puts the message in the trainer inbox
   * once, in the same transaction.
   */
  async rateAnswer(
    message: { id: string; text: string; ticketId: string | null; intent: string; language: string },
    conversationId: string,
    helpful: boolean,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('answer_feedback')
        .values({ message_id: message.id, conversation_id: conversationId, helpful })
        .onConflict((oc) => oc.column('message_id').doUpdateSet({ helpful }))
        .execute();
      if (helpful) return;
      const listed = await trx
        .selectFrom('training_candidates')
        .select('id')
        .where('message_id', '=', message.id)
        .where('source', '=', 'negative_feedback')
        .executeTakeFirst();
      if (listed) return;
      await trx
        .insertInto('training_candidates')
        .values({
          id: newId(),
          message_id: message.id,
          ticket_id: message.ticketId,
          text: message.text,
          language: message.language === 'en' ? 'en' : 'ko',
          predicted_intent: message.intent,
          // Not a suggestion: the trainer names the right intent when accepting (trainer-inbox.ts).
          intent: message.intent,
          source: 'negative_feedback',
          created_by: null,
        })
        .execute();
    });
  }
}
