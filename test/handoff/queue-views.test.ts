// The console's queue views, their counts, search and snooze over a real database (PGlite and
// PostgreSQL): tickets opened through the pipeline, then claimed, answered, snoozed and resolved.
import { randomUUID } from 'node:crypto';
import { QueueViewRepository, type QueueView } from '../../handoff/queue-view-repository';
import { listConversationMessages } from '../../store/message-repository';
import { DomainError } from '../../core/errors';
import { describeEachDatabaseKind } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { inbound } from '../support/pipeline-fixtures';
import { composeHarness } from '../support/pipeline-harness';

describeEachDatabaseKind('queue views, search and snooze', (kind) => {
  test(
    'each view holds the right tickets with counts; search finds id, contact, intent and text; snooze hides until its time',
    async () => {
      const h = await composeHarness({ kind, driver: 'in-process', workers: 'running' });
      try {
        /** A citizen asks for a person, then writes `more` on the waiting ticket. */
        const open = async (more?: string) => {
          const user = `u-${randomUUID()}`;
          const say = async (text: string) => {
            const { messageId } = await h.pipeline.ingest(inbound(text, { userId: user, threadKey: `web:${user}` }), { enqueue: false });
            return h.pipeline.processInbound(messageId);
          };
          const ticket = await h.service.get((await say('상담원 연결해 주세요')).ticketId!);
          if (more) await say(more);
          return { user, ticket };
        };
        const me = await h.agent();
        const other = await h.agent();
        const a = await open();
        const b = await open('대화하고 싶어요 전화 010-2345-6789');
        const c = await open();
        const d = await open('얘기할래요');
        await h.service.claim(a.ticket.id, me);
        await h.service.reply(a.ticket.id, me, '안녕하세요, 상담원입니다.');
        await h.service.claim(d.ticket.id, me);
        await h.service.resolve(d.ticket.id, me);
        const now = new Date();
        await expect(h.service.snooze(c.ticket.id, me, new Date(now.getTime() - 1000))).rejects.toBeInstanceOf(DomainError);
        const snoozed = await h.service.snooze(c.ticket.id, me, new Date(now.getTime() + 3_600_000));
        expect(snoozed.snoozedUntil?.getTime()).toBe(now.getTime() + 3_600_000);
        expect((await h.deps.audit.forTarget(c.ticket.id)).map((r) => r.action)).toContain('ticket.snooze');

        const views = new QueueViewRepository(h.database.db);
        const ids = async (view: QueueView, search?: string, actorId = me.id, at = new Date()) =>
          (await views.list({ view, actorId, now: at, search })).map((r) => r.ticket.id).sort();
        const sorted = (...tickets: { ticket: { id: string } }[]) => tickets.map((t) => t.ticket.id).sort();

        expect(await ids('mine')).toEqual(sorted(a));
        expect(await ids('mine', undefined, other.id)).toEqual([]);
        expect(await ids('unassigned')).toEqual(sorted(b));
        expect(await ids('open')).toEqual(sorted(a, b));
        expect(await ids('snoozed')).toEqual(sorted(c));
        expect(await ids('resolved')).toEqual(sorted(d));
        expect(await ids('overdue')).toEqual([]);
        expect(await views.counts(me.id, new Date())).toEqual({ mine: 1, unassigned: 1, open: 2, overdue: 0, snoozed: 1, resolved: 1 });
        // A day later every SLA has lapsed and the snooze is over: the unanswered ones are overdue.
        const later = new Date(now.getTime() + 86_400_000);
        expect(await ids('overdue', undefined, me.id, later)).toEqual(sorted(b, c));
        expect(await ids('open', undefined, me.id, later)).toEqual(sorted(a, b, c));
        expect(await views.counts(me.id, later)).toEqual({ mine: 1, unassigned: 2, open: 3, overdue: 2, snoozed: 0, resolved: 1 });

        // Search, within the view.
        expect(await ids('open', b.ticket.id.toLowerCase())).toEqual(sorted(b));
        expect(await ids('resolved', d.ticket.id.slice(0, 20))).toEqual(sorted(d));
        expect(await ids('open', b.user)).toEqual(sorted(b));
        expect(await ids('open', '대화하고')).toEqual(sorted(b));
        expect(await ids('resolved', '얘기할래요')).toEqual(sorted(d));
        const intent = a.ticket.card!.topIntents[0]!.intent;
        expect(await ids('open', intent)).toEqual(sorted(a, b));
        // The phone number was redacted before it was stored: it cannot be found.
        expect(await ids('open', '010-2345')).toEqual([]);
        expect(await ids('open', '%')).toEqual([]);
        expect(await ids('open', 'no such words anywhere')).toEqual([]);

        // The preview is the conversation's newest message.
        const [row] = await views.list({ view: 'mine', actorId: me.id, now: new Date() });
        const transcript = await listConversationMessages(h.database.db, a.ticket.conversationId);
        const newest = transcript[transcript.length - 1]!;
        expect(row!.latest).toEqual({ text: newest.text, author: newest.author, at: new Date(newest.created_at) });
      } finally {
        await h.close();
      }
    },
    STARTUP_TIMEOUT_MS,
  );
});
