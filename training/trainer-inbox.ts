// The trainer inbox: citizen messages the bot could not handle well, each one click from
// becoming an example. Three kinds:
//   relabel         an agent said which intent a message was (training_candidates, open)
//   low_confidence  the bot was unsure: handed off as low-confidence/ambiguous, or asked to clarify
//   unhandled       the bot declined it as out of scope without being sure
// Item ids say where they come from ('candidate:…' or 'message:…'). Accepting or dismissing a
// message item records a training_candidates row for it, so it leaves the inbox for good.
// Texts are the stored, PII-redacted ones.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditLog } from '../store/audit-repository';
import type { CandidateSource, Schema } from '../store/schema';
import { findIntentRow } from './catalog-repository';
import { insertCandidate, openCandidateRows, settleCandidate, unlistedMessageRows } from './inbox-repository';
import { addExamples, type AddedExample } from './trainer-examples';
import { DomainError } from '../core/errors';

/** A decline below this confidence counts as unhandled rather than a sure "not ours". */
export const UNSURE_DECLINE = 0.8;

export const acceptBodySchema = z.object({ intent: z.string().min(1).max(100).optional().describe("Default: the relabel's intent") }).strict();
export const inboxQuerySchema = z.object({
  source: z.enum(['relabel', 'low_confidence', 'unhandled', 'negative_feedback']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export interface InboxItem {
  readonly id: string;
  readonly source: CandidateSource;
  /** Redacted text. */
  readonly text: string;
  readonly language: string;
  readonly predictedIntent: string | null;
  readonly confidence: number | null;
  /** The intent an agent gave (relabel), to accept as is. */
  readonly suggestedIntent: string | null;
  readonly action: string | null;
  readonly reason: string | null;
  readonly messageId: string | null;
  readonly ticketId: string | null;
  readonly createdAt: string;
}

const CANDIDATE = 'candidate:';
const MESSAGE = 'message:';

function parseId(id: string): { kind: 'candidate' | 'message'; id: string } {
  if (id.startsWith(CANDIDATE)) return { kind: 'candidate', id: id.slice(CANDIDATE.length) };
  if (id.startsWith(MESSAGE)) return { kind: 'message', id: id.slice(MESSAGE.length) };
  throw new DomainError('invalid', `inbox ids start with "${CANDIDATE}" or "${MESSAGE}", got "${id}"`);
}

export class TrainerInbox {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly audit: AuditLog,
  ) {}

  async list(query: unknown = {}): Promise<InboxItem[]> {
    const { source, limit = 100 } = inboxQuerySchema.parse(query);
    const [candidates, messages] = await Promise.all([
      source === undefined || source === 'relabel' || source === 'negative_feedback' ? this.candidates(limit, source) : [],
      source === 'relabel' || source === 'negative_feedback' ? [] : this.messages(limit, source),
    ]);
    return [...candidates, ...messages].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  }

  /** Makes the item an example of `intent` (default: the relabel's intent) in one transaction. */
  async accept(actor: string, itemId: string, body: unknown): Promise<{ item: string; example: AddedExample }> {
    const { intent } = acceptBodySchema.parse(body ?? {});
    const ref = parseId(itemId);
    return this.db.transaction().execute(async (trx) => {
      const item = ref.kind === 'candidate' ? await this.openCandidate(trx, ref.id) : await this.unlistedMessage(trx, ref.id);
      const target = intent ?? item.suggestedIntent;
      if (!target) throw new DomainError('invalid', 'name the intent: { "intent": "…" }');
      if (!(await findIntentRow(trx, target))) throw new DomainError('invalid', `unknown intent "${target}"`);
      const [example] = await addExamples(
        trx,
        target,
        [{ text: item.text, language: item.language === 'en' ? 'en' : 'ko' }],
        item.source === 'relabel' ? 'relabel' : 'inbox',
        actor,
      );
      await this.settle(trx, ref, item, 'accepted', actor, example!.id, target);
      await this.audit.record({ actor, action: 'inbox.accept', target: itemId, details: { intent: target, exampleId: example!.id, source: item.source } }, trx);
      return { item: itemId, example: example! };
    });
  }

  async dismiss(actor: string, itemId: string): Promise<void> {
    const ref = parseId(itemId);
    await this.db.transaction().execute(async (trx) => {
      const item = ref.kind === 'candidate' ? await this.openCandidate(trx, ref.id) : await this.unlistedMessage(trx, ref.id);
      await this.settle(trx, ref, item, 'dismissed', actor, null, item.suggestedIntent ?? item.predictedIntent ?? 'out_of_scope');
      await this.audit.record({ actor, action: 'inbox.dismiss', target: itemId, details: { source: item.source } }, trx);
    });
  }

  private async settle(
    trx: Kysely<Schema>,
    ref: { kind: string; id: string },
    item: InboxItem,
    status: 'accepted' | 'dismissed',
    actor: string,
    exampleId: string | null,
    intent: string,
  ) {
    if (ref.kind === 'candidate') {
      await settleCandidate(trx, ref.id, status, exampleId);
      return;
    }
    await insertCandidate(trx, {
      messageId: item.messageId,
      text: item.text,
      language: item.language,
      predictedIntent: item.predictedIntent,
      intent,
      source: item.source,
      status,
      exampleId,
      createdBy: actor,
    });
  }

  private async candidates(limit: number, source?: 'relabel' | 'negative_feedback', trx: Kysely<Schema> = this.db, id?: string): Promise<InboxItem[]> {
    const rows = await openCandidateRows(trx, limit, id, source);
    return rows.map((r) => ({
      id: CANDIDATE + r.id,
      source: r.source,
      text: r.text,
      language: r.language,
      predictedIntent: r.predicted_intent,
      confidence: r.confidence,
      // A 👎 says the answer was wrong, not which intent is right: the trainer names it.
      suggestedIntent: r.source === 'negative_feedback' ? null : r.intent,
      action: r.action,
      reason: r.reason,
      messageId: r.message_id,
      ticketId: r.ticket_id,
      createdAt: r.created_at.toISOString(),
    }));
  }

  private async messages(limit: number, source?: 'low_confidence' | 'unhandled', trx: Kysely<Schema> = this.db, id?: string): Promise<InboxItem[]> {
    const rows = await unlistedMessageRows(trx, { limit, source, unsureDecline: UNSURE_DECLINE, id });
    return rows.map((r) => ({
      id: MESSAGE + r.id,
      source: r.low ? 'low_confidence' : 'unhandled',
      text: r.text,
      language: r.language === 'en' ? 'en' : 'ko',
      predictedIntent: r.intent,
      confidence: r.confidence,
      suggestedIntent: null,
      action: r.action,
      reason: r.reason,
      messageId: r.id,
      ticketId: null,
      createdAt: r.created_at.toISOString(),
    }));
  }

  private async openCandidate(trx: Kysely<Schema>, id: string): Promise<InboxItem> {
    const [item] = await this.candidates(1, undefined, trx, id);
    if (!item) throw new DomainError('not_found', `open inbox item ${CANDIDATE}${id}`);
    return item;
  }

  private async unlistedMessage(trx: Kysely<Schema>, id: string): Promise<InboxItem> {
    const [item] = await this.messages(1, undefined, trx, id);
    if (!item) throw new DomainError('not_found', `inbox item ${MESSAGE}${id}`);
    return item;
  }
}
