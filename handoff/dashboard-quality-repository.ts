// The rows behind the dashboard's quality figures (handoff/dashboard-quality.ts): tickets resolved
// in [since, until] with whether the citizen came back, CSAT ratings given in it, and the
// conversations started in it with whether the bot answered and whether a person was reached
// within 24 h.
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { qualityFigures, type Bucket, type QualityFigures } from './dashboard-quality';

export async function loadQualityFigures(db: Kysely<Schema>, since: Date, until: Date, bucket: Bucket): Promise<QualityFigures> {
  const [tickets, ratings, conversations] = await Promise.all([
    db
      .selectFrom('tickets')
      .select([
        'created_at',
        'resolved_at',
        sql<boolean>`(tickets.reopen_count > 0 or exists (select 1 from tickets as later where later.follows_ticket_id = tickets.id))`.as('reopened'),
      ])
      .where('status', '=', 'resolved')
      .where('resolved_at', '>=', since)
      .where('resolved_at', '<=', until)
      .execute(),
    db
      .selectFrom('ticket_ratings')
      .select(['score', 'rated_at'])
      .where('score', 'is not', null)
      .where('rated_at', '>=', since)
      .where('rated_at', '<=', until)
      .execute(),
    db
      .selectFrom('conversations')
      .select([
        'conversations.created_at',
        sql<boolean>`exists (select 1 from messages join decisions on decisions.message_id = messages.id
          where messages.conversation_id = conversations.id and decisions.action = 'auto_answer')`.as('bot_answered'),
        sql<boolean>`exists (select 1 from tickets where tickets.conversation_id = conversations.id
          and tickets.created_at <= conversations.created_at + interval '24 hours')`.as('reached_human'),
      ])
      .where('conversations.created_at', '>=', since)
      .where('conversations.created_at', '<=', until)
      .execute(),
  ]);
  return qualityFigures(
    {
      tickets: tickets.map((t) => ({ createdAt: new Date(t.created_at), resolvedAt: new Date(t.resolved_at!), reopened: Boolean(t.reopened) })),
      ratings: ratings.map((r) => ({ score: r.score!, ratedAt: new Date(r.rated_at!) })),
      conversations: conversations.map((c) => ({
        createdAt: new Date(c.created_at),
        botAnswered: Boolean(c.bot_answered),
        reachedHuman: Boolean(c.reached_human),
      })),
    },
    bucket,
    until,
  );
}
