// ingest(): validate, redact, store, enqueue. Only the redacted text is ever stored, and the
// inbound job works from the stored row, so triage sees the redacted text too. That is on
// purpose: tags like [PHONE] are features in their own right, and the raw text never has to sit
// in a job payload or a database row.
import { CHANNEL_IDS, type InboundMessage } from './channel';
import { UnrecoverableJobError } from '../jobs/types';
import { storeInbound } from '../store/inbound-writes';
import type { PipelineDeps } from './deps';
import type { IngestResult } from './types';

/** A message the pipeline cannot store as given. Never retried. */
export class InvalidInboundError extends UnrecoverableJobError {
  override name = 'InvalidInboundError';
}

const MAX_TEXT_LENGTH = 10_000;

function validate(message: InboundMessage): void {
  const problems: string[] = [];
  if (!CHANNEL_IDS.includes(message.channel)) problems.push(`channel "${String(message.channel)}" is not one of ${CHANNEL_IDS.join(', ')}`);
  for (const field of ['externalId', 'userId', 'threadKey'] as const) {
    if (typeof message[field] !== 'string' || message[field].trim() === '') problems.push(`${field} must be a non-empty string`);
  }
  if (typeof message.text !== 'string') problems.push('text must be a string');
  else if (message.text.length > MAX_TEXT_LENGTH) problems.push(`text is longer than ${MAX_TEXT_LENGTH} characters`);
  if (typeof message.isPublic !== 'boolean') problems.push('isPublic must be a boolean');
  if (!(message.sentAt instanceof Date) || Number.isNaN(message.sentAt.getTime())) problems.push('sentAt must be a valid Date');
  if (typeof message.replyTarget !== 'object' || message.replyTarget === null) problems.push('replyTarget must be an object');
  if (problems.length > 0) {
    throw new InvalidInboundError(`inbound message ${JSON.stringify(message.externalId)} rejected: ${problems.join('; ')}`);
  }
}

export async function ingest(
  deps: PipelineDeps,
  message: InboundMessage,
  options: { enqueue?: boolean } = {},
): Promise<IngestResult> {
  validate(message);
  const redacted = deps.redact(message.text);
  const piiTypes = [...new Set(redacted.findings.map((f) => f.type))];
  // replyTarget holds platform ids only (a 19-digit tweet id would look like an account number
  // to the redactor), so it is stored as given.
  const replyTarget = { ...message.replyTarget };

  const stored = await storeInbound(deps.database.db, {
    channel: message.channel,
    platformUserId: message.userId,
    handle: message.userHandle,
    displayName: message.userName,
    threadKey: message.threadKey,
    isPublic: message.isPublic,
    externalId: message.externalId,
    text: redacted.text,
    piiTypes,
    replyTarget,
    sentAt: message.sentAt,
  });

  if (!stored.duplicate && options.enqueue !== false) {
    await deps.jobs.add('inbound', { messageId: stored.id }, { jobId: stored.id });
  }
  return { messageId: stored.id, conversationId: stored.conversationId, duplicate: stored.duplicate };
}
