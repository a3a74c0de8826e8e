// Test doubles for the pipeline's ports: a table-driven TriageFn (the classifier's stand-in), a
// ChannelSender that records what it sends and fails on cue, and ready-made inbound messages.
// The redactor is the real one (bot/pii) and the live events are the real in-process driver.
import type { ConversationContext, Decision } from '../../bot/types';
import { PermanentSendError, RetryableSendError } from '../../pipeline/send-errors';
import type { ChannelId, ChannelSender, InboundMessage, OutboundReply, SendResult } from '../../pipeline/channel';
import type { Pipeline } from '../../pipeline/create-pipeline';
import type { TriageFn } from '../../pipeline/types';

const decision = (fields: Partial<Decision> & Pick<Decision, 'intent' | 'action'>): Decision => ({
  confidence: fields.intent === 'out_of_scope' ? 0.2 : 0.93,
  topK: [{ intent: fields.intent, confidence: 0.93 }],
  entities: [],
  pii: [],
  language: 'ko',
  modelVersion: 'test-model-1',
  ...fields,
});

/** Trigger word (found in the redacted text) → the decision triage would return. */
export const TRIAGE_TABLE: readonly (readonly [string, Decision])[] = [
  [
    '가족관계증명서',
    decision({
      intent: 'cert.family_relation',
      action: 'auto_answer',
      reply: { text: '전자가족관계등록시스템에서 발급하세요.', links: [{ label: '전자가족관계등록시스템', url: 'https://efamily.scourt.go.kr' }] },
    }),
  ],
  [
    '상담원',
    decision({
      intent: 'chat.human',
      action: 'handoff',
      reason: 'requested_human',
      reply: { text: '상담원이 곧 답변드릴게요. An agent will reply soon.', links: [] },
    }),
  ],
  [
    '불이',
    decision({
      intent: 'emergency.urgent',
      action: 'urgent',
      reason: 'urgent',
      reply: { text: '긴급 상황이면 지금 119(화재·구조)나 112(경찰)에 전화하세요.', links: [{ label: '119', url: 'tel:119' }] },
    }),
  ],
  ['욕설', decision({ intent: 'chat.abuse', action: 'moderate' })],
  ['안녕', decision({ intent: 'chat.greeting', action: 'smalltalk', reply: { text: '안녕하세요! 무엇을 도와드릴까요?', links: [] } })],
];

const DECLINE = decision({
  intent: 'out_of_scope',
  action: 'decline',
  reply: { text: '여기서는 도와드리기 어려운 질문이에요. We cannot help with that here.', links: [] },
});

export interface TriageCall {
  readonly text: string;
  readonly context: ConversationContext;
}

/** A deterministic TriageFn over TRIAGE_TABLE that remembers what it was asked. */
export function tableTriage(calls: TriageCall[] = []): TriageFn {
  return (text, context) => {
    calls.push({ text, context });
    return TRIAGE_TABLE.find(([word]) => text.includes(word))?.[1] ?? DECLINE;
  };
}

/** A TriageFn over exact texts: a known text gets its decision, anything else `otherwise` (default: out of scope). */
export function exactTriage(table: Readonly<Record<string, Partial<Decision>>>, otherwise: Partial<Decision> = {}): TriageFn {
  return (text) => ({
    intent: 'out_of_scope',
    confidence: 0.2,
    topK: [],
    entities: [],
    pii: [],
    language: 'ko',
    action: 'decline',
    modelVersion: 'm-test',
    ...(table[text] ?? otherwise),
  });
}

let counter = 0;
/** A web-chat message from `user`; each call gets a new externalId unless one is given. */
export function inbound(text: string, overrides: Partial<InboundMessage> = {}): InboundMessage {
  counter += 1;
  const user = overrides.userId ?? `user-${process.pid}-${counter}`;
  return {
    channel: 'web',
    externalId: `web:${process.pid}:${Date.now()}:${counter}`,
    userId: user,
    userName: '시민',
    threadKey: `web:${user}`,
    isPublic: false,
    text,
    sentAt: new Date(),
    replyTarget: { sessionId: `s-${user}` },
    ...overrides,
  };
}

/** A ChannelSender that records every reply it accepts and throws the queued errors first. */
export class RecordingSender implements ChannelSender {
  readonly sent: OutboundReply[] = [];
  readonly calls: OutboundReply[] = [];
  private readonly failures: Error[] = [];

  constructor(readonly channel: ChannelId = 'web') {}

  failNext(...errors: Error[]): this {
    this.failures.push(...errors);
    return this;
  }

  async send(reply: OutboundReply): Promise<SendResult> {
    this.calls.push(reply);
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(reply);
    return { externalId: `sent-${reply.outboxId}` };
  }
}

export const temporary = (retryAfterMs?: number) => new RetryableSendError('HTTP 503 from platform', retryAfterMs);
export const blocked = () => new PermanentSendError('HTTP 403: user blocked the account', 'blocked');

/** A Kakao citizen writing to the skill: each message is ingested and processed at once (no queue). */
export function kakaoCitizen(pipeline: Pipeline, userId: string) {
  return async (text: string) => {
    const message = inbound(text, { channel: 'kakao', userId, threadKey: `kakao:${userId}`, replyTarget: { kind: 'skill', botId: 'b1', lang: 'ko' } });
    const { messageId } = await pipeline.ingest(message, { enqueue: false });
    return pipeline.processInbound(messageId);
  };
}
