// The surge module's SQL: the observations the detection job reads (inbound messages with their
// decisions), the surges table, and the few ticket writes a broadcast makes.
import { sql, type Kysely, type Selectable } from 'kysely';
import { redactForLog } from '../bot/pii';
import { newId } from '../store/ids';
import { toJson } from '../store/json';
import { enqueueOutbox } from '../store/outbox-repository';
import type { LinkJson, PinnedAnswerJson, Schema, SurgesTable } from '../store/schema';
import type { Observation, SurgeCandidate } from './detector';
import { HOUR_MS, hourOf, type HourlyCount } from './hourly-baseline';

export type SurgeRow = Selectable<SurgesTable>;

export interface ObservationRow extends Observation {
  /** The decision's creation time: the cursor the next read starts from. */
  readonly decidedAt: Date;
}

export interface WaitingTicket {
  readonly ticketId: string;
  readonly conversationId: string;
  readonly priority: string;
  readonly text: string;
  readonly language: string | null;
  readonly isPublic: boolean;
  readonly replyTarget: Record<string, string>;
}

export class SurgeRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Inbound messages decided at or after `since`, oldest first. */
  async observationsSince(since: Date, limit: number): Promise<ObservationRow[]> {
    const rows = await this.db
      .selectFrom('decisions')
      .innerJoin('messages', 'messages.id', 'decisions.message_id')
      .select([
        'messages.id',
        'messages.text',
        'messages.channel',
        'messages.created_at',
        'decisions.intent',
        'decisions.action',
        'decisions.reason',
        'decisions.entities',
        'decisions.created_at as decided_at',
      ])
      .where('decisions.created_at', '>=', since)
      .orderBy('decisions.created_at')
      .orderBy('decisions.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.created_at,
      decidedAt: r.decided_at,
      text: r.text,
      channel: r.channel,
      intent: r.intent,
      action: r.action,
      reason: r.reason,
      regions: (r.entities as { type?: string; value?: unknown }[]).flatMap((e) => (e.type === 'region' && typeof e.value === 'string' ? [e.value] : [])),
    }));
  }

  /** Keeps each (key, hour) count at the highest value seen: a worker that restarted mid-hour re-counts fewer. */
  async recordHourlyCounts(counts: readonly HourlyCount[]): Promise<void> {
    if (counts.length === 0) return;
    await this.db
      .insertInto('surge_hourly_counts')
      .values(counts.map((c) => ({ key: c.key, hour: new Date(c.hour * HOUR_MS), count: c.count })))
      .onConflict((oc) => oc.columns(['hour', 'key']).doUpdateSet({ count: sql`greatest(surge_hourly_counts.count, excluded.count)` }))
      .execute();
  }

  async hourlyCounts(hours: readonly number[]): Promise<HourlyCount[]> {
    if (hours.length === 0) return [];
    const rows = await this.db
      .selectFrom('surge_hourly_counts')
      .select(['key', 'hour', 'count'])
      .where(
        'hour',
        'in',
        hours.map((h) => new Date(h * HOUR_MS)),
      )
      .execute();
    return rows.map((r) => ({ key: r.key, hour: hourOf(r.hour), count: r.count }));
  }

  /** Drops the counts of hours before `hour`. */
  async pruneHourlyCounts(hour: number): Promise<void> {
    await this.db
      .deleteFrom('surge_hourly_counts')
      .where('hour', '<', new Date(hour * HOUR_MS))
      .execute();
  }

  async list(status?: 'open' | 'closed'): Promise<SurgeRow[]> {
    let query = this.db.selectFrom('surges').selectAll().orderBy('opened_at', 'desc').limit(200);
    if (status) query = query.where('status', '=', status);
    return query.execute();
  }

  get(id: string): Promise<SurgeRow | undefined> {
    return this.db.selectFrom('surges').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async open(candidate: SurgeCandidate, label: string, signatures: number[][], at: Date): Promise<SurgeRow> {
    return this.db
      .insertInto('surges')
      .values({
        id: newId(),
        key: candidate.key,
        kind: candidate.kind,
        status: 'open',
        label,
        intent: candidate.intent,
        region: candidate.region,
        ...this.figures(candidate, signatures),
        pinned_answer: null,
        opened_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** New figures for an open surge (the detection job, every tick). */
  async refresh(id: string, candidate: SurgeCandidate, signatures: number[][], at: Date): Promise<void> {
    await this.db
      .updateTable('surges')
      .set({ ...this.figures(candidate, signatures), key: candidate.key, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async close(id: string, at: Date): Promise<SurgeRow | undefined> {
    return this.db
      .updateTable('surges')
      .set({ status: 'closed', closed_at: at, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
  }

  async setPinned(id: string, pinned: PinnedAnswerJson | null, at: Date): Promise<SurgeRow | undefined> {
    return this.db
      .updateTable('surges')
      .set({ pinned_answer: pinned ? toJson(pinned) : null, updated_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /** Surges with a pinned answer not yet expired at `now` (open or already closed). */
  async pinned(now: Date): Promise<SurgeRow[]> {
    const rows = await this.db.selectFrom('surges').selectAll().where('pinned_answer', 'is not', null).execute();
    return rows.filter((r) => r.pinned_answer && new Date(r.pinned_answer.expiresAt) > now);
  }

  /** Tickets still waiting for a person, with the citizen message that opened them. */
  async waitingTickets(limit = 5000): Promise<WaitingTicket[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .innerJoin('messages', 'messages.id', 'tickets.opened_by_message_id')
      .innerJoin('conversations', 'conversations.id', 'tickets.conversation_id')
      .select([
        'tickets.id as ticket_id',
        'tickets.conversation_id',
        'tickets.priority',
        'messages.text',
        'messages.reply_target',
        'conversations.language',
        'conversations.is_public',
      ])
      .where('tickets.status', '=', 'waiting')
      .orderBy('tickets.created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      conversationId: r.conversation_id,
      priority: r.priority,
      text: r.text,
      language: r.language,
      isPublic: r.is_public,
      replyTarget: r.reply_target,
    }));
  }

  /**
   * Answers one waiting ticket with a supervisor's text and closes it, in one transaction, only if
   * it is still waiting (an agent who claimed it meanwhile keeps it). Returns the outbox id, or
   * undefined when the ticket was no longer waiting.
   */
  async answerWaiting(
    ticket: WaitingTicket,
    reply: { text: string; links: readonly LinkJson[] },
    actor: string,
    surgeId: string,
    at: Date,
  ): Promise<string | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const closed = await trx
        .updateTable('tickets')
        .set({ status: 'resolved', resolved_at: at, first_response_at: at, updated_at: at })
        .where('id', '=', ticket.ticketId)
        .where('status', '=', 'waiting')
        .returning('id')
        .executeTakeFirst();
      if (!closed) return undefined;
      await sql`update tickets set first_responder = ${actor} where id = ${ticket.ticketId}`.execute(trx);
      await trx.updateTable('conversations').set({ owner: 'bot', updated_at: at }).where('id', '=', ticket.conversationId).execute();
      const outboxId = await enqueueOutbox(trx, {
        conversationId: ticket.conversationId,
        inReplyTo: null,
        kind: 'agent_reply',
        text: reply.text,
        links: reply.links,
        isPublic: ticket.isPublic,
        authoredBy: 'agent',
        authorId: actor,
        replyTarget: ticket.replyTarget,
      });
      await this.audit({ actor, action: 'surge.broadcast_reply', target: ticket.ticketId, details: { surgeId, outboxId } }, trx);
      return outboxId;
    });
  }

  /** Waiting tickets, and first responses over the last `sinceMs`: the queue's depth and pace. */
  async queueLoad(now: Date, sinceMs: number): Promise<{ waiting: number; answeredRecently: number }> {
    const since = new Date(now.getTime() - sinceMs);
    const row = await this.db
      .selectFrom('tickets')
      .select((eb) => [
        eb.fn.countAll<string>().filterWhere('status', '=', 'waiting').as('waiting'),
        eb.fn.countAll<string>().filterWhere('first_response_at', '>=', since).as('answered'),
      ])
      .executeTakeFirstOrThrow();
    return { waiting: Number(row.waiting), answeredRecently: Number(row.answered) };
  }

  /** One audit row (redacted like every audit detail). */
  async audit(entry: { actor: string; action: string; target: string; details?: Record<string, unknown> }, trx: Kysely<Schema> = this.db): Promise<void> {
    await trx
      .insertInto('audit_log')
      .values({ id: newId(), actor: entry.actor, action: entry.action, target: entry.target, details: JSON.stringify(redactForLog(entry.details ?? {})) })
      .execute();
  }

  private figures(c: SurgeCandidate, signatures: number[][]) {
    return {
      count: c.count,
      rate_per_min: c.ratePerMin,
      baseline_per_min: c.baselinePerMin,
      per_minute: toJson(c.perMinute),
      sample_message_ids: toJson(c.sampleMessageIds),
      top_terms: toJson(c.topTerms),
      regions: toJson(c.regions),
      channels: toJson(c.channels),
      signatures: toJson(signatures),
    };
  }
}
