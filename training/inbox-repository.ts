// The trainer inbox's rows: open training candidates (relabels) and citizen messages the model was
// unsure of or could not handle that no candidate covers yet.
import { sql, type Kysely } from 'kysely';
import { newId } from '../store/ids';
import type { CandidateSource, Schema } from '../store/schema';

/** Open candidates, newest first, with the decision of their message; one when `id` is given. */
export async function openCandidateRows(db: Kysely<Schema>, limit: number, id?: string, source?: CandidateSource) {
  let query = db
    .selectFrom('training_candidates')
    .leftJoin('decisions', 'decisions.message_id', 'training_candidates.message_id')
    .select([
      'training_candidates.id',
      'training_candidates.source',
      'training_candidates.text',
      'training_candidates.language',
      'training_candidates.predicted_intent',
      'training_candidates.intent',
      'training_candidates.message_id',
      'training_candidates.ticket_id',
      'training_candidates.created_at',
      'decisions.confidence',
      'decisions.action',
      'decisions.reason',
    ])
    .where('training_candidates.status', '=', 'open')
    .orderBy('training_candidates.id', 'desc')
    .limit(limit);
  if (id) query = query.where('training_candidates.id', '=', id);
  if (source) query = query.where('training_candidates.source', '=', source);
  return query.execute();
}

/** Low-confidence or unhandled citizen messages no candidate covers, newest first. */
export async function unlistedMessageRows(
  db: Kysely<Schema>,
  options: { readonly limit: number; readonly source?: 'low_confidence' | 'unhandled'; readonly unsureDecline: number; readonly id?: string },
) {
  const lowConfidence = sql<boolean>`(decisions.reason in ('low_confidence', 'ambiguous') or decisions.action = 'clarify')`;
  const unhandled = sql<boolean>`(decisions.action = 'decline' and decisions.confidence < ${options.unsureDecline})`;
  const wanted =
    options.source === 'low_confidence' ? lowConfidence : options.source === 'unhandled' ? unhandled : sql<boolean>`(${lowConfidence} or ${unhandled})`;
  let query = db
    .selectFrom('messages')
    .innerJoin('decisions', 'decisions.message_id', 'messages.id')
    .select([
      'messages.id',
      'messages.text',
      'messages.created_at',
      'decisions.language',
      'decisions.intent',
      'decisions.confidence',
      'decisions.action',
      'decisions.reason',
      sql<boolean>`${lowConfidence}`.as('low'),
    ])
    .where('messages.direction', '=', 'in')
    .where(wanted)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('training_candidates').select('training_candidates.id').whereRef('training_candidates.message_id', '=', 'messages.id'))),
    )
    .orderBy('messages.id', 'desc')
    .limit(options.limit);
  if (options.id) query = query.where('messages.id', '=', options.id);
  return query.execute();
}

export async function settleCandidate(db: Kysely<Schema>, id: string, status: 'accepted' | 'dismissed', exampleId: string | null): Promise<void> {
  await db.updateTable('training_candidates').set({ status, example_id: exampleId }).where('id', '=', id).execute();
}

export async function insertCandidate(
  db: Kysely<Schema>,
  candidate: {
    messageId: string | null;
    text: string;
    language: string;
    predictedIntent: string | null;
    intent: string;
    source: CandidateSource;
    status: 'open' | 'accepted' | 'dismissed';
    exampleId: string | null;
    createdBy: string;
  },
): Promise<void> {
  await db
    .insertInto('training_candidates')
    .values({
      id: newId(),
      message_id: candidate.messageId,
      ticket_id: null,
      text: candidate.text,
      language: candidate.language,
      predicted_intent: candidate.predictedIntent,
      intent: candidate.intent,
      source: candidate.source,
      status: candidate.status,
      example_id: candidate.exampleId,
      created_by: candidate.createdBy,
    })
    .execute();
}
