// ingest(): validate, redact, store, enqueue. Only the redacted text is ever stored, and the
// inbound job works from the stored row, so triage sees the redacted text too. That is on
// purpose: tags like [PHONE] are features in their own right, and the raw text never has to sit
// in a job payload or a database row.
// The text is sanitised first (bot/sanitize-text.ts) and cut to MAX_TEXT_LENGTH with a marker, so
// no text a platform can send turns into a database error retried forever.
import { sanitizeStrings, truncateWithMarker } from '../bot/sanitize-text';
import { CHANNEL_IDS, MEDIA_KINDS, type InboundMessage, type RejectedInbound } from './channel';
import { UnrecoverableJobError } from '../jobs/types';
import { recordRejectedEvent } from '../store/dead-letter-repository';
import { storeInbound } from '../store/inbound-writes';
import type { PipelineDeps } from './deps';
import type { IngestResult } from './types';

/** A message the pipeline cannot store as given. Never retried. */
export class InvalidInboundError extends UnrecoverableJobError {
  override name = 'InvalidInboundError';
}

export const MAX_TEXT_LENGTH = 10_000;
const MAX_MEDIA_URL_LENGTH = 4_000;

function validate(message: InboundMessage): void {
  const problems: string[] = [];
  if (!CHANNEL_IDS.includes(message.channel)) problems.push(`channel "${String(message.channel)}" is not one of ${CHANNEL_IDS.join(', ')}`);
  for (const field of ['externalId', 'userId', 'threadKey'] as const) {
    if (typeof message[field] !== 'string' || message[field].trim() === '') problems.push(`${field} must be a non-empty string`);
  }
  if (typeof message.text !== 'string') problems.push('text must be a string');
  if (typeof message.isPublic !== 'boolean') problems.push('isPublic must be a boolean');
  if (!(message.sentAt instanceof Date) || Number.isNaN(message.sentAt.getTime())) problems.push('sentAt must be a valid Date');
  if (typeof message.replyTarget !== 'object' || message.replyTarget === null) problems.push('replyTarget must be an object');
  for (const [i, ref] of (message.media ?? []).entries()) {
    if (!MEDIA_KINDS.includes(ref.kind)) problems.push(`media[${i}].kind "${String(ref.kind)}" is not one of ${MEDIA_KINDS.join(', ')}`);
    if (typeof ref.url !== 'string' || ref.url.length > MAX_MEDIA_URL_LENGTH)
      problems.push(`media[${i}].url must be a string of at most ${MAX_MEDIA_URL_LENGTH} characters`);
  }
  if (problems.length > 0) {
    throw new InvalidInboundError(`inbound message ${JSON.stringify(message.externalId)} rejected: ${problems.join('; ')}`);
  }
}

/** Records an event refused as given; the rest of its delivery goes on. */
export async function rejectEvent(deps: PipelineDeps, event: RejectedInbound): Promise<void> {
  await recordRejectedEvent(deps.database.db, { channel: String(event.channel), externalId: event.externalId, reason: event.reason });
  deps.logger?.warn('inbound event rejected', { channel: event.channel, reason: event.reason });
}

export async function ingest(deps: PipelineDeps, message: InboundMessage, options: { enqueue?: boolean } = {}): Promise<IngestResult> {
  // Every string the platform sent (text, ids, names, reply target) through the edge sanitiser.
  message = sanitizeStrings(message);
  try {
    validate(message);
  } catch (error) {
    // Recorded with its reason; the caller goes on with the rest of the delivery.
    const externalId = typeof message.externalId === 'string' && message.externalId !== '' ? message.externalId : null;
    await rejectEvent(deps, { channel: message.channel, externalId, reason: (error as Error).message });
    throw error;
  }
  const text = truncateWithMarker(message.text, MAX_TEXT_LENGTH);
  const redacted = deps.redact(text);
  const piiTypes = [...new Set(redacted.findings.map((f) => f.type))];
  // replyTarget holds platform ids only (a 19-digit tweet id would look like an account number
  // to the redactor), so it is stored as given.
  const replyTarget = { ...message.replyTarget };

  const stored = await storeInbound(deps.database.db, {
    channel: message.channel,
    platformUserId: message.userId,
    // Names are citizen-chosen text like any other: "김민수 010-1234-5678" is a real display name.
    handle: message.userHandle === undefined ? undefined : deps.redact(message.userHandle).text,
    displayName: message.userName === undefined ? undefined : deps.redact(message.userName).text,
    threadKey: message.threadKey,
    isPublic: message.isPublic,
    externalId: message.externalId,
    text: redacted.text,
    piiTypes,
    replyTarget,
    sentAt: message.sentAt,
    ...(message.media ? { media: message.media } : {}),
  });

  // A duplicate delivery of a message never processed (its job lost with Redis, or never queued
  // because Redis was down) is queued again; the jobId makes that a no-op while the job exists.
  const unfinished = !stored.duplicate || stored.status === 'received' || stored.status === 'processing';
  if (unfinished && options.enqueue !== false) {
    try {
      await deps.jobs.add('inbound', { messageId: stored.id }, { jobId: stored.id });
    } catch (error) {
      // The row is stored, so the platform gets its ack; the sweeper queues the job once the
      // queue answers again (pipeline/sweep.ts).
      deps.logger?.warn('inbound job not queued; the sweeper will queue it', { messageId: stored.id, error: String(error) });
    }
  }
  return { messageId: stored.id, conversationId: stored.conversationId, duplicate: stored.duplicate };
}
