// The dashboard's quality figures over a real database (PGlite and PostgreSQL), from rows written
// at known timestamps: per day the median resolution time, the reopen rate (reopened, or followed
// by a new ticket) and the CSAT given; CSAT per agent; and deflection (conversations the bot
// answered that reached no person within 24 h; those younger than 24 h pending).
import type { Kysely } from 'kysely';
import { loadTicketFigures } from '../../handoff/dashboard-figures-repository';
import { loadQualityFigures } from '../../handoff/dashboard-quality-repository';
import type { Schema, TicketStatus } from '../../store/schema';
import { describeEachDatabase } from '../support/backends';

const NOW = new Date('2020-03-03T12:00:00Z');
const SINCE = new Date('2020-03-01T00:00:00Z');
const at = (day: number, time: string) => new Date(`2020-03-0${day}T${time}:00Z`);

async function seed(db: Kysely<Schema>) {
  for (const id of ['agent-a', 'agent-b']) {
    await db
      .insertInto('users')
      .values({ id, email: `${id}@localhost`, password_hash: 'x', roles: ['agent'], display_name: id })
      .execute();
  }
  await db.insertInto('contacts').values({ id: 'c1', channel: 'web', platform_user_id: 'u1', handle: null, display_name: null }).execute();
  const conversation = (id: string, created: Date) =>
    db
      .insertInto('conversations')
      .values({ id, channel: 'web', thread_key: `web:${id}`, contact_id: 'c1', is_public: false, language: 'ko', created_at: created })
      .execute();
  const decision = async (conversationId: string, id: string, action: string, created: Date) => {
    await db
      .insertInto('messages')
      .values({
        id,
        conversation_id: conversationId,
        channel: 'web',
        direction: 'in',
        author: 'citizen',
        text: '질문',
        status: 'processed',
        links: '[]',
        reply_target: '{}',
        created_at: created,
      })
      .execute();
    await db
      .insertInto('decisions')
      .values({
        id: `d-${id}`,
        message_id: id,
        intent: action === 'auto_answer' ? 'cert.family_relation' : 'out_of_scope',
        confidence: 0.9,
        top_k: '[]',
        pii: '[]',
        entities: '[]',
        language: 'ko',
        action,
        model_version: 'm1',
        latency_us: 1,
        created_at: created,
      })
      .execute();
  };
  const ticket = async (
    id: string,
    conversationId: string,
    t: { created: Date; status: TicketStatus; assignee?: string; resolved?: Date; reopens?: number; follows?: string },
  ) =>
    db
      .insertInto('tickets')
      .values({
        id,
        conversation_id: conversationId,
        opened_by_message_id: null,
        priority: 'normal',
        status: t.status,
        queue: 'general',
        reason: 'requested_human',
        assignee: t.assignee ?? null,
        triage_card: null,
        created_at: t.created,
        updated_at: t.created,
        resolved_at: t.resolved ?? null,
        reopen_count: t.reopens ?? 0,
        follows_ticket_id: t.follows ?? null,
        sla_deadline: null,
        first_response_at: null,
        first_responder: null,
      })
      .execute();
  const rating = (ticketId: string, conversationId: string, agentId: string, score: number, rated: Date) =>
    db
      .insertInto('ticket_ratings')
      .values({ ticket_id: ticketId, conversation_id: conversationId, agent_id: agentId, requested_at: rated, score, rated_at: rated })
      .execute();

  // Tickets: t1 30 min, t2 60 min and reopened (day 1); t3 10 min, followed by t4 (day 2).
  for (const [id, created] of [
    ['v1', at(1, '10:00')],
    ['v2', at(1, '12:00')],
    ['v3', at(2, '08:00')],
  ] as const) {
    await conversation(id, created);
  }
  await ticket('t1', 'v1', { created: at(1, '10:00'), status: 'resolved', assignee: 'agent-a', resolved: at(1, '10:30') });
  await ticket('t2', 'v2', { created: at(1, '12:00'), status: 'resolved', assignee: 'agent-b', resolved: at(1, '13:00'), reopens: 1 });
  await ticket('t3', 'v3', { created: at(2, '08:00'), status: 'resolved', assignee: 'agent-a', resolved: at(2, '08:10') });
  await ticket('t4', 'v3', { created: at(2, '10:00'), status: 'waiting', follows: 't3' });
  await rating('t1', 'v1', 'agent-a', 5, at(1, '11:00'));
  await rating('t2', 'v2', 'agent-b', 3, at(2, '09:00'));
  await rating('t3', 'v3', 'agent-a', 4, at(2, '09:30'));
  // An unanswered request is no rating.
  await db
    .insertInto('ticket_ratings')
    .values({ ticket_id: 't4', conversation_id: 'v3', agent_id: 'agent-b', requested_at: at(2, '11:00') })
    .execute();

  // Deflection: d1 answered, never a person; d2 a person within 24 h; d3 a person only after 26 h;
  // d4 answered 6 h ago (pending); d5 never answered by the bot (not counted).
  await conversation('d1', at(1, '09:00'));
  await decision('d1', 'm-d1', 'auto_answer', at(1, '09:00'));
  await conversation('d2', at(1, '09:30'));
  await decision('d2', 'm-d2', 'auto_answer', at(1, '09:30'));
  await ticket('t5', 'd2', { created: at(1, '20:00'), status: 'returned_to_bot' });
  await conversation('d3', at(1, '09:45'));
  await decision('d3', 'm-d3', 'auto_answer', at(1, '09:45'));
  await ticket('t6', 'd3', { created: at(2, '12:00'), status: 'waiting' });
  await conversation('d4', at(3, '06:00'));
  await decision('d4', 'm-d4', 'auto_answer', at(3, '06:00'));
  await conversation('d5', at(1, '08:00'));
  await decision('d5', 'm-d5', 'decline', at(1, '08:00'));
}

describeEachDatabase('dashboard quality figures', (current) => {
  test('resolution time, reopen rate and CSAT per day; CSAT per agent; deflection with pending', async () => {
    const db = current().db;
    await seed(db);

    const quality = await loadQualityFigures(db, SINCE, NOW, 'day');
    expect(quality.series).toEqual([
      { at: '2020-03-01T00:00:00.000Z', resolved: 2, medianResolutionSeconds: 2700, reopened: 1, reopenRate: 0.5, ratings: 1, averageRating: 5 },
      { at: '2020-03-02T00:00:00.000Z', resolved: 1, medianResolutionSeconds: 600, reopened: 1, reopenRate: 1, ratings: 2, averageRating: 3.5 },
    ]);
    expect(quality.csat).toEqual({ ratings: 3, average: 4, byScore: [0, 0, 1, 1, 1] });
    expect(quality.deflection).toEqual({ conversations: 3, deflected: 2, rate: 2 / 3, pending: 1 });

    // Hourly buckets put each resolution in its hour.
    const hourly = await loadQualityFigures(db, SINCE, NOW, 'hour');
    expect(hourly.series.map((p) => [p.at, p.resolved, p.ratings])).toEqual([
      ['2020-03-01T10:00:00.000Z', 1, 0],
      ['2020-03-01T11:00:00.000Z', 0, 1],
      ['2020-03-01T13:00:00.000Z', 1, 0],
      ['2020-03-02T08:00:00.000Z', 1, 0],
      ['2020-03-02T09:00:00.000Z', 0, 2],
    ]);

    const figures = await loadTicketFigures(db, SINCE, NOW);
    const csat = Object.fromEntries(figures.agents.map((a) => [a.id, { ratings: a.ratings, averageRating: a.averageRating }]));
    expect(csat).toEqual({ 'agent-a': { ratings: 2, averageRating: 4.5 }, 'agent-b': { ratings: 1, averageRating: 3 } });

    // Nothing in the window: no series, no ratings, no deflection rate.
    const empty = await loadQualityFigures(db, new Date('2019-01-01T00:00:00Z'), new Date('2019-01-02T00:00:00Z'), 'day');
    expect(empty).toEqual({
      series: [],
      csat: { ratings: 0, average: null, byScore: [0, 0, 0, 0, 0] },
      deflection: { conversations: 0, deflected: 0, rate: null, pending: 0 },
    });
  });
});
