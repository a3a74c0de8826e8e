// Decided citizen messages written straight to the store at chosen times, for tests of the
// surge detection job, which reads decisions (not the pipeline) and windows them by time.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Action, HandoffReason } from '../../bot/types';
import { saveDecision } from '../../store/decision-repository';
import { storeInbound } from '../../store/inbound-writes';
import type { Schema } from '../../store/schema';

export interface DecidedMessage {
  readonly text: string;
  readonly intent: string;
  readonly action: Action;
  readonly reason?: HandoffReason;
  readonly at: Date;
}

/** Stores each message (a conversation of its own) with its decision, both dated `at`. */
export async function storeDecided(db: Kysely<Schema>, messages: readonly DecidedMessage[]): Promise<void> {
  for (const m of messages) {
    const stored = await storeInbound(db, {
      channel: 'web',
      platformUserId: randomUUID(),
      threadKey: randomUUID(),
      isPublic: false,
      externalId: randomUUID(),
      text: m.text,
      piiTypes: [],
      replyTarget: {},
      sentAt: m.at,
    });
    await saveDecision(
      db,
      stored.id,
      {
        intent: m.intent,
        confidence: 0.9,
        topK: [],
        entities: [],
        pii: [],
        language: 'ko',
        action: m.action,
        ...(m.reason ? { reason: m.reason } : {}),
        modelVersion: 'm-test',
      },
      1000,
    );
    await db.updateTable('messages').set({ created_at: m.at }).where('id', '=', stored.id).execute();
    await db.updateTable('decisions').set({ created_at: m.at }).where('message_id', '=', stored.id).execute();
  }
}
