// The dashboard's ticket figures over a real database (PGlite and PostgreSQL), from tickets
// written at known timestamps: first response keeps the open, unanswered tickets as waits so far
// (censored, never dropped), SLA per priority with the overdue list and the oldest wait, and per
// agent the tickets handled and the medians.
import type { Kysely } from 'kysely';
import type { Schema, TicketPriority, TicketStatus } from '../../store/schema';
import { loadTicketFigures } from '../../handoff/dashboard-figures-repository';
import { describeEachDatabase } from '../support/backends';

const NOW = new Date('2020-03-01T12:00:00Z');
const SINCE = new Date('2020-03-01T00:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000);
const after = (at: Date, s: number) => new Date(at.getTime() + s * 1000);

interface Spec {
  id: string;
  priority: TicketPriority;
  status: TicketStatus;
  createdAgo: number;
  slaAfter: number | null;
  respondedAfter?: number;
  by?: string;
  resolvedAfter?: number;
  missed?: boolean;
}

async function seed(db: Kysely<Schema>, specs: readonly Spec[], outside: readonly Date[]) {
  for (const [id, name] of [
    ['agent-a', 'Agent A'],
    ['agent-b', 'Agent B'],
  ]) {
    await db
      .insertInto('users')
      .values({ id: id!, email: `${id}@localhost`, password_hash: 'x', roles: ['agent'], display_name: name! })
      .execute();
  }
  await db.insertInto('contacts').values({ id: 'c1', channel: 'web', platform_user_id: 'u1', handle: null, display_name: null }).execute();
  const row = (s: Spec, created: Date) => ({
    id: s.id,
    conversation_id: `v-${s.id}`,
    opened_by_message_id: null,
    priority: s.priority,
    status: s.status,
    queue: 'general',
    reason: 'requested_human',
    assignee: s.by ?? null,
    triage_card: null,
    created_at: created,
    updated_at: created,
    sla_deadline: s.slaAfter === null ? null : after(created, s.slaAfter),
    sla_missed_at: s.missed ? after(created, s.slaAfter!) : null,
    first_response_at: s.respondedAfter === undefined ? null : after(created, s.respondedAfter),
    first_responder: s.respondedAfter === undefined ? null : s.by!,
    resolved_at: s.resolvedAfter === undefined ? null : after(created, s.resolvedAfter),
  });
  // One conversation per ticket: a conversation has at most one open ticket.
  const insert = async (s: Spec, created: Date) => {
    await db
      .insertInto('conversations')
      .values({ id: `v-${s.id}`, channel: 'web', thread_key: `web:${s.id}`, contact_id: 'c1', is_public: false, language: 'ko' })
      .execute();
    await db.insertInto('tickets').values(row(s, created)).execute();
  };
  for (const s of specs) await insert(s, ago(s.createdAgo));
  // Outside the window: before `since` and after `until`.
  for (const [i, at] of outside.entries()) await insert({ id: `out-${i}`, priority: 'urgent', status: 'waiting', createdAgo: 0, slaAfter: 60 }, at);
}

describeEachDatabase('dashboard ticket figures', (current) => {
  test('first response includes the waits so far; SLA per priority; per agent medians', async () => {
    const db = current().db;
    await seed(
      db,
      [
        // urgent, 60 s target
        { id: 'u1', priority: 'urgent', status: 'resolved', createdAgo: 3600, slaAfter: 60, respondedAfter: 30, by: 'agent-a', resolvedAfter: 600 },
        { id: 'u2', priority: 'urgent', status: 'waiting', createdAgo: 1200, slaAfter: 60, missed: true },
        // past its deadline, the SLA job not run yet: still overdue
        { id: 'u3', priority: 'urgent', status: 'waiting', createdAgo: 300, slaAfter: 60 },
        // normal, 30 min target
        { id: 'n1', priority: 'normal', status: 'assigned', createdAgo: 7200, slaAfter: 1800, respondedAfter: 400, by: 'agent-b' },
        { id: 'n2', priority: 'normal', status: 'resolved', createdAgo: 5000, slaAfter: 1800, respondedAfter: 2000, by: 'agent-a', resolvedAfter: 3000 },
        { id: 'n3', priority: 'normal', status: 'waiting', createdAgo: 100, slaAfter: 1800 },
        // returned to the bot, never answered by a person: nobody waits, nobody answered
        { id: 'l1', priority: 'low', status: 'returned_to_bot', createdAgo: 4000, slaAfter: null },
      ],
      [new Date('2020-02-01T00:00:00Z'), new Date('2020-03-01T12:00:01Z')],
    );

    const figures = await loadTicketFigures(db, SINCE, NOW);

    // Answered 30, 400, 2000; waiting so far 100, 300, 1200. Sorted: 30 100* 300* 400 1200* 2000.
    expect(figures.firstResponse).toEqual({
      tickets: 6,
      answered: 3,
      waiting: 3,
      medianSeconds: 350,
      medianCensored: true,
      answeredMedianSeconds: 400,
      bands: { answered: [0, 1, 0, 1, 0, 1], waiting: [0, 0, 1, 1, 1, 0] },
    });

    const [urgent, high, normal, low] = figures.priorities;
    expect(urgent).toEqual({
      priority: 'urgent',
      tickets: 3,
      met: 1,
      missed: 2,
      pending: 0,
      compliance: 1 / 3,
      overdue: [
        { id: 'u2', queue: 'general', createdAt: ago(1200).toISOString(), waitSeconds: 1200 },
        { id: 'u3', queue: 'general', createdAt: ago(300).toISOString(), waitSeconds: 300 },
      ],
      oldestWaitSeconds: 1200,
    });
    expect(high).toEqual({ priority: 'high', tickets: 0, met: 0, missed: 0, pending: 0, compliance: null, overdue: [], oldestWaitSeconds: null });
    expect(normal).toEqual({ priority: 'normal', tickets: 3, met: 1, missed: 1, pending: 1, compliance: 0.5, overdue: [], oldestWaitSeconds: 100 });
    expect(low).toMatchObject({ tickets: 1, met: 0, missed: 0, pending: 0, compliance: null, oldestWaitSeconds: null });

    expect(figures.agents).toEqual([
      // No ratings here (test/contacts/dashboard-quality.test.ts has them).
      { id: 'agent-a', name: 'Agent A', handled: 2, medianFirstResponseSeconds: 1015, medianResolutionSeconds: 1800, ratings: 0, averageRating: null },
      { id: 'agent-b', name: 'Agent B', handled: 1, medianFirstResponseSeconds: 400, medianResolutionSeconds: null, ratings: 0, averageRating: null },
    ]);
    expect(figures.until).toBe(NOW.toISOString());
  });
});
