// The bot's decision for one inbound message. At most one per message: a retried job that
// triages again keeps the first stored decision, so every step after it agrees.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Decision, DecisionFlag, Entity, Language, Action, DecisionReason, PiiType } from '../bot/types';
import { newId } from './ids';
import { toJson } from './json';
import type { DecisionDialogJson, DecisionsTable, Schema } from './schema';

export type DecisionRow = Selectable<DecisionsTable>;

/** The row as `to_jsonb(decisions)` gives it, for reads that fold it into another query. */
export type DecisionJson = Omit<DecisionRow, 'created_at'> & { readonly created_at: string };

/** The row a decision becomes (shared with the one-statement write in store/inbound-writes.ts). */
export function decisionValues(messageId: string, decision: Decision, latencyUs: number): Insertable<DecisionsTable> {
  return {
    id: newId(),
    message_id: messageId,
    intent: decision.intent,
    confidence: decision.confidence,
    top_k: toJson(decision.topK),
    entities: toJson(decision.entities),
    language: decision.language,
    action: decision.action,
    reason: decision.reason ?? null,
    pii: toJson(decision.pii),
    reply: decision.reply ? toJson(decision.reply) : null,
    model_version: decision.modelVersion,
    latency_us: Math.round(latencyUs),
    dialog: dialogOf(decision),
  };
}

/** Stores `decision` unless one exists; returns the one that is stored. */
export async function saveDecision(db: Kysely<Schema>, messageId: string, decision: Decision, latencyUs: number): Promise<Decision> {
  const inserted = await db
    .insertInto('decisions')
    .values(decisionValues(messageId, decision, latencyUs))
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return toDecision(inserted);
  // An earlier attempt stored one: it wins.
  const stored = await findDecision(db, messageId);
  if (!stored) throw new Error(`decision for message ${messageId} vanished after insert`);
  return stored;
}

export async function findDecision(db: Kysely<Schema>, messageId: string): Promise<Decision | undefined> {
  const row = await db.selectFrom('decisions').selectAll().where('message_id', '=', messageId).executeTakeFirst();
  return row ? toDecision(row) : undefined;
}

function dialogOf(d: Decision): string | null {
  const dialog: DecisionDialogJson = {
    ...(d.choices ? { choices: [...d.choices] } : {}),
    ...(d.alsoIntent ? { alsoIntent: d.alsoIntent } : {}),
    ...(d.flags ? { flags: [...d.flags] } : {}),
    ...(d.situation ? { situation: d.situation } : {}),
  };
  return Object.keys(dialog).length > 0 ? toJson(dialog) : null;
}

export function toDecision(row: DecisionRow | DecisionJson): Decision {
  const dialog = row.dialog ?? {};
  return {
    intent: row.intent,
    confidence: row.confidence,
    topK: row.top_k,
    entities: row.entities as Entity[],
    pii: row.pii.map((p) => ({ type: p.type as PiiType, start: p.start, end: p.end })),
    language: row.language as Language,
    action: row.action as Action,
    ...(row.reply ? { reply: row.reply } : {}),
    ...(row.reason ? { reason: row.reason as DecisionReason } : {}),
    ...(dialog.choices ? { choices: dialog.choices } : {}),
    ...(dialog.alsoIntent ? { alsoIntent: dialog.alsoIntent } : {}),
    ...(dialog.flags ? { flags: dialog.flags as DecisionFlag[] } : {}),
    ...(dialog.situation ? { situation: dialog.situation } : {}),
    modelVersion: row.model_version,
  };
}
