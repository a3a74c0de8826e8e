// What the pipeline and the web chat need from citizen feedback; handoff/feedback.ts implements
// it: the CSAT asked for when an agent resolves a ticket, and "Was this helpful?" on bot answers.

export interface PendingRating {
  readonly ticketId: string;
}

export interface FeedbackPort {
  /**
   * A platform message that answers a pending CSAT request with one of the offered quick replies
   * (Kakao's messageText, Messenger's quick_reply payload): records the score and returns the
   * thank-you to send. null when nothing is pending or the text is not a rating.
   */
  takeRatingReply(conversationId: string, text: string): Promise<{ readonly text: string } | null>;
  /** The conversation's unanswered CSAT request, if any (the web chat shows its rating form). */
  pendingRating(conversationId: string): Promise<PendingRating | null>;
  /** A rating from the web chat: 1–5 and an optional comment (redacted before it is stored). */
  rateTicket(conversationId: string, rating: { readonly ticketId: string; readonly score: number; readonly comment?: string }): Promise<void>;
  /**
   * 👍/👎 on the bot's answer to the citizen message `messageId`. A 👎 sends that message to the
   * trainer inbox (negative_feedback) and the citizen is offered an agent.
   */
  rateAnswer(conversationId: string, messageId: string, helpful: boolean): Promise<{ readonly offerAgent: boolean }>;
}
