// Citizen feedback (the pipeline's FeedbackPort): the CSAT an agent's resolve asks for, answered
// by a platform quick reply or the web chat's form, and 👍/👎 on bot answers in the web chat. A
// rating is kept per ticket with the agent who held it; comments are PII-redacted first.
import type { Redaction } from '../bot/types';
import { DomainError } from '../core/errors';
import type { FeedbackPort } from '../pipeline/feedback-port';
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { parseRating, ratingThanks } from './csat';
import { FeedbackRepository } from './feedback-repository';

/** How long after a resolve the citizen may still rate it. */
export const RATING_WINDOW_MS = 7 * 86_400_000;
export const MAX_COMMENT_LENGTH = 1000;

export interface FeedbackDeps {
  readonly db: Kysely<Schema>;
  readonly redact: (text: string) => Redaction;
  readonly now: () => Date;
}

export type Feedback = FeedbackPort;

export function createFeedback(deps: FeedbackDeps): Feedback {
  const repository = new FeedbackRepository(deps.db);
  const since = () => new Date(deps.now().getTime() - RATING_WINDOW_MS);

  return {
    async takeRatingReply(conversationId, text) {
      const score = parseRating(text);
      if (score === null) return null;
      const pending = await repository.pendingRating(conversationId, since());
      if (!pending) return null;
      await repository.rate({ ticketId: pending.ticket_id, conversationId, score, comment: null, at: deps.now(), since: since() });
      return { text: ratingThanks(await repository.conversationLanguage(conversationId)) };
    },

    async pendingRating(conversationId) {
      const pending = await repository.pendingRating(conversationId, since());
      return pending ? { ticketId: pending.ticket_id } : null;
    },

    async rateTicket(conversationId, rating) {
      if (!Number.isInteger(rating.score) || rating.score < 1 || rating.score > 5) throw new DomainError('invalid', 'score must be a whole number from 1 to 5');
      const comment = rating.comment?.trim() ? deps.redact(rating.comment.trim().slice(0, MAX_COMMENT_LENGTH)).text : null;
      const rated = await repository.rate({ ticketId: rating.ticketId, conversationId, score: rating.score, comment, at: deps.now(), since: since() });
      if (!rated) throw new DomainError('not_found', `rating request for ticket ${rating.ticketId} in this conversation`);
    },

    async rateAnswer(conversationId, messageId, helpful) {
      const message = await repository.answeredMessage(conversationId, messageId);
      if (!message) throw new DomainError('not_found', `answered message ${messageId} in this conversation`);
      await repository.rateAnswer(
        { id: message.id, text: message.text, ticketId: message.ticket_id, intent: message.intent, language: message.language },
        conversationId,
        helpful,
      );
      return { offerAgent: !helpful };
    },
  };
}
