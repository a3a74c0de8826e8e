// The web chat API, mounted under /api/v1 (JSON body parsing and size limits come from the app):
//   POST /messages                       a citizen's message → the bot's decision and reply, inline;
//                                        without conversationId it starts a thread the server names,
//                                        with it, the thread's access token is required
//   GET  /conversations/:id/messages     the transcript (needs the conversation's access token)
//   GET  /conversations/:id/events       live `message.created` events as server-sent events
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { ConversationEvent, LiveEvents } from '../../events/types';
import type { MessagePipeline } from '../../pipeline/types';
import type { StoredMessage } from '../../store/stored-message';
import { SotongError, validationError } from '../../core/errors';
import type { EventStream, EventStreams } from '../../events/event-streams';
import { mintWebThread, toInboundMessage, webMessageSchema, type WebThread } from './parse';
import type { AccessTokens } from './verify';

export interface WebChatDeps {
  readonly pipeline: MessagePipeline;
  readonly events: LiveEvents;
  readonly tokens: AccessTokens;
  readonly streams: EventStreams;
  /** Applied to POST /messages only (reading is cheap; writing runs triage). */
  readonly postLimit?: RequestHandler;
  /** Load shedding, before the rate limit: an overloaded server answers 503 and counts nothing. */
  readonly shed?: RequestHandler;
  readonly now?: () => Date;
}

/** What POST /messages answers. */
export interface WebChatAnswer {
  readonly conversationId: string;
  readonly messageId: string;
  /** Send as `Authorization: Bearer …` (or `?token=` for EventSource) to read this conversation. */
  readonly accessToken: string;
  readonly duplicate: boolean;
  /** `reason` says why (handoff reason, or `surge_pinned`), as the triage card does; null when none. */
  readonly decision: { readonly intent: string; readonly confidence: number; readonly action: string; readonly reason: string | null } | null;
  /** null when the bot stays silent (a person owns the thread, or the message was moderated). */
  readonly reply: {
    readonly text: string;
    readonly links: readonly { readonly label: string; readonly url: string }[];
    readonly quickReplies: readonly { readonly label: string; readonly text: string }[];
  } | null;
}

const conversationParams = z.object({ id: z.string().min(1).max(128) });

export function webChatRoutes(deps: WebChatDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const noLimit: RequestHandler = (_req, _res, next) => next();

  router.post('/messages', deps.shed ?? noLimit, deps.postLimit ?? noLimit, async (req, res) => {
    const body = webMessageSchema.safeParse(req.body ?? null);
    if (!body.success) throw validationError(body.error);
    const thread = body.data.conversationId ? await continueThread(req, body.data.conversationId, deps) : mintWebThread();
    const ingested = await deps.pipeline.ingest(toInboundMessage(body.data, thread, now()), { enqueue: false });
    // Inline, so the citizen gets the answer in this response; idempotent, so a retried POST
    // (same clientMessageId) gets the same answer rather than a second one.
    const processed = await deps.pipeline.processInbound(ingested.messageId);
    const decision = processed.decision;
    const answer: WebChatAnswer = {
      conversationId: processed.conversationId,
      messageId: processed.messageId,
      accessToken: deps.tokens.issue(processed.conversationId),
      duplicate: ingested.duplicate,
      decision: decision && { intent: decision.intent, confidence: decision.confidence, action: decision.action, reason: decision.reason ?? null },
      reply: decision?.reply ? { text: decision.reply.text, links: decision.reply.links, quickReplies: decision.reply.quickReplies ?? [] } : null,
    };
    res.status(ingested.duplicate ? 200 : 201).json(answer);
  });

  router.get('/conversations/:id/messages', async (req, res) => {
    const id = authorize(req, deps.tokens);
    const after = optionalId(req.query.after, 'after');
    const messages = await deps.pipeline.listMessages(id, after ? { afterId: after } : undefined);
    res.json({ conversationId: id, messages });
  });

  router.get('/conversations/:id/events', async (req, res) => {
    const id = authorize(req, deps.tokens);
    const after = optionalId(req.get('last-event-id') ?? req.query.after, 'after');
    const sent = new Set<string>();
    const send = (message: StoredMessage) => {
      if (sent.has(message.id)) return;
      sent.add(message.id);
      stream.send('message.created', message, message.id);
    };

    // Listen before reading the backlog so nothing falls in between; queue live events until
    // the backlog is out, then drop the ones the backlog already sent. Only this conversation's
    // events reach this listener (filtered where they are routed). Subscribed before the stream
    // opens, so a failure is still a clean error response rather than a broken stream.
    let queued: StoredMessage[] | null = [];
    const unsubscribe = await deps.events.subscribeConversation(id, (event: ConversationEvent) => {
      if (event.type !== 'message.created') return;
      if (queued) queued.push(event.message);
      else send(event.message);
    });
    let stream: EventStream;
    try {
      stream = await deps.streams.open(req, res, { conversation: id });
    } catch (error) {
      unsubscribe();
      throw error;
    }
    stream.onClose(unsubscribe);

    if (after) {
      try {
        for (const message of await deps.pipeline.listMessages(id, { afterId: after })) send(message);
      } catch {
        // The stream is already open (status sent): tell the page to reload the transcript.
        stream.send('resync', { reason: 'backlog unavailable' });
      }
    }
    const pending = queued;
    queued = null;
    for (const message of pending) send(message);
  });

  return router;
}

/** The conversation id, once the request proves it holds that conversation's token. */
export function authorize(req: Request, tokens: AccessTokens): string {
  const params = conversationParams.safeParse(req.params);
  if (!params.success) throw validationError(params.error);
  checkToken(req, tokens, params.data.id);
  return params.data.id;
}

/** The web thread of `conversationId`, once the request holds its token. */
async function continueThread(req: Request, conversationId: string, deps: WebChatDeps): Promise<WebThread> {
  checkToken(req, deps.tokens, conversationId);
  const thread = await deps.pipeline.findThread(conversationId);
  if (!thread || thread.channel !== 'web') throw new SotongError('SOTONG_ERR_NOT_FOUND', { params: { what: `conversation ${conversationId}` } });
  return { userId: thread.userId, threadKey: thread.threadKey };
}

function checkToken(req: Request, tokens: AccessTokens, conversationId: string): void {
  const header = req.get('authorization');
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const query = typeof req.query.token === 'string' ? req.query.token : undefined;
  const token = bearer ?? query;
  if (!token) throw new SotongError('SOTONG_ERR_UNAUTHORIZED');
  if (!tokens.verify(conversationId, token)) throw new SotongError('SOTONG_ERR_FORBIDDEN');
}

function optionalId(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 128) {
    throw new SotongError('SOTONG_ERR_VALIDATION', { params: { reason: `${name} must be a message id` } });
  }
  return value;
}
