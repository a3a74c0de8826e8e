// Opening a ticket goes through a prepared statement (store/prepared-statements.ts on PostgreSQL,
// store/pglite-prepared.ts embedded). From its sixth run the database may plan it generically,
// and ON CONFLICT must still find the partial unique index "one open ticket per conversation":
// its predicate is written with literals. This opened every ticket after the fifth with a 500.
import { randomUUID } from 'node:crypto';
import { TicketRepository } from '../../handoff/ticket-repository';
import type { TriageCard } from '../../handoff/triage-card';
import { storeInbound } from '../../store/inbound-writes';
import { describeEachDatabase } from '../support/backends';

describeEachDatabase('opening tickets, again and again', (current) => {
  test('ten conversations each get their ticket, and a second open joins the first', async () => {
    const { db } = current();
    const tickets = new TicketRepository(db);
    for (let i = 0; i < 10; i++) {
      const message = await storeInbound(db, {
        channel: 'web',
        platformUserId: randomUUID(),
        threadKey: randomUUID(),
        isPublic: false,
        externalId: randomUUID(),
        text: `상담원 연결 ${i}`,
        piiTypes: [],
        replyTarget: {},
        sentAt: new Date(),
      });
      const input = {
        conversationId: message.conversationId,
        openedByMessageId: message.id,
        priority: 'normal' as const,
        queue: 'general',
        reason: 'low_confidence',
        card: {} as TriageCard,
        slaDeadline: new Date(Date.now() + 3_600_000),
        createdAt: new Date(),
      };
      const opened = await tickets.openOrJoin(input);
      expect(opened.created).toBe(true);
      const again = await tickets.openOrJoin(input);
      expect(again).toMatchObject({ created: false, ticket: { id: opened.ticket.id } });
    }
  });
});
