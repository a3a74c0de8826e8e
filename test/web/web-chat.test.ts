// The web chat over HTTP against the real app: the POST answers inline, the transcript and the
// live stream need the conversation's access token, and one citizen cannot read another's thread.
// The pipeline is the real one (PGlite in memory, in-process jobs) answering from a triage table;
// web-chat-e2e.test.ts runs the same path through the production start-up (startServer).
import { exactTriage } from '../support/pipeline-fixtures';
import { createAccessTokens } from '../../channels/web/verify';
import { startTestApp, TEST_SECRET, type TestApp } from '../server/support/test-app';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { openSse, type SseConnection } from './sse-client';

const TRIAGE = exactTriage({
  '가족관계증명서 어디서 떼요': {
    intent: 'cert.family_relation',
    confidence: 0.97,
    action: 'auto_answer',
    reply: { text: '전자가족관계등록시스템에서 발급하세요.', links: [{ label: '전자가족관계등록시스템', url: 'https://efamily.scourt.go.kr' }] },
  },
  욕설: { intent: 'chat.abuse', confidence: 0.9, action: 'moderate' },
});

let app: TestApp;
const streams: SseConnection[] = [];
beforeAll(async () => {
  app = await startTestApp({ triage: TRIAGE, env: { STREAM_HEARTBEAT_SECONDS: '0.1' } });
}, STARTUP_TIMEOUT_MS);
afterEach(() => {
  for (const s of streams.splice(0)) s.close();
});
afterAll(async () => {
  await app.close();
});

interface Thread {
  readonly conversationId: string;
  readonly accessToken: string;
}

/** A citizen's POST: a new thread, or `thread` continued with its token. */
async function say(text: string, options: { thread?: Thread; clientMessageId?: string; extra?: Record<string, unknown> } = {}) {
  const { thread, clientMessageId, extra } = options;
  const response = await fetch(`${app.url}/api/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(thread && { authorization: `Bearer ${thread.accessToken}` }) },
    body: JSON.stringify({ ...extra, text, ...(thread && { conversationId: thread.conversationId }), ...(clientMessageId && { clientMessageId }) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function sse(path: string, headers?: Record<string, string>) {
  const connection = await openSse(`${app.url}${path}`, headers);
  streams.push(connection);
  return connection;
}

test('a FAQ is answered inline with the decision, the reply and links', async () => {
  const { status, body } = await say('  가족관계증명서 어디서 떼요  ');
  expect(status).toBe(201);
  expect(body).toMatchObject({
    duplicate: false,
    decision: { intent: 'cert.family_relation', confidence: 0.97, action: 'auto_answer' },
    reply: {
      text: '전자가족관계등록시스템에서 발급하세요.',
      links: [{ label: '전자가족관계등록시스템', url: 'https://efamily.scourt.go.kr' }],
      quickReplies: [],
    },
  });
  expect(typeof body.conversationId).toBe('string');
  expect(typeof body.accessToken).toBe('string');
});

test('a decision without a reply answers reply: null', async () => {
  const { body } = await say('욕설');
  expect(body.decision).toMatchObject({ action: 'moderate' });
  expect(body.reply).toBeNull();
});

test('retrying a POST with the same clientMessageId gets the same answer, not a second message', async () => {
  const opened = await say('안녕');
  const thread = opened.body as Thread;
  const first = await say('가족관계증명서 어디서 떼요', { thread, clientMessageId: 'c-1' });
  const again = await say('가족관계증명서 어디서 떼요', { thread, clientMessageId: 'c-1' });
  expect(first.status).toBe(201);
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ duplicate: true, messageId: first.body.messageId, decision: first.body.decision });
  const transcript = await fetch(`${app.url}/api/v1/conversations/${first.body.conversationId}/messages`, {
    headers: { authorization: `Bearer ${first.body.accessToken}` },
  });
  const citizenLines = ((await transcript.json()) as { messages: Array<{ author: string; text: string }> }).messages.filter((m) => m.author === 'citizen');
  expect(citizenLines.map((m) => m.text)).toEqual(['안녕', '가족관계증명서 어디서 떼요']);
});

test("the transcript needs the token: none → 401, another conversation's → 403", async () => {
  const a = await say('가족관계증명서 어디서 떼요');
  const b = await say('다른 질문');
  expect(a.body.conversationId).not.toBe(b.body.conversationId);
  const url = `${app.url}/api/v1/conversations/${a.body.conversationId}/messages`;

  const none = await fetch(url);
  expect(none.status).toBe(401);
  expect(((await none.json()) as any).error.code).toBe('SOTONG_ERR_UNAUTHORIZED');

  const other = await fetch(url, { headers: { authorization: `Bearer ${b.body.accessToken}` } });
  expect(other.status).toBe(403);
  expect(((await other.json()) as any).error.code).toBe('SOTONG_ERR_FORBIDDEN');
  expect((await fetch(`${url}?token=${encodeURIComponent(b.body.accessToken)}`)).status).toBe(403);
  expect((await fetch(url, { headers: { authorization: 'Bearer forged' } })).status).toBe(403);

  const own = await fetch(url, { headers: { authorization: `Bearer ${a.body.accessToken}` } });
  expect(own.status).toBe(200);
  const { messages } = (await own.json()) as { messages: Array<{ author: string; text: string }> };
  expect(messages[0]).toMatchObject({ author: 'citizen', text: '가족관계증명서 어디서 떼요' });
  // And none of citizen-c's words.
  expect(JSON.stringify(messages)).not.toContain('다른 질문');
});

test('the server names threads: two clients using the same userId get separate threads and neither can read the other', async () => {
  const a = await say('제 주소는 서울시 종로구 세종대로 209입니다', { extra: { userId: 'a' } });
  const b = await say('안녕하세요', { extra: { userId: 'a' } });
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  expect(a.body.conversationId).not.toBe(b.body.conversationId);
  const read = async (conversationId: string, token: string) =>
    fetch(`${app.url}/api/v1/conversations/${conversationId}/messages`, { headers: { authorization: `Bearer ${token}` } });
  expect((await read(a.body.conversationId, b.body.accessToken)).status).toBe(403);
  expect((await read(b.body.conversationId, a.body.accessToken)).status).toBe(403);
  const own = await read(b.body.conversationId, b.body.accessToken);
  expect(JSON.stringify(await own.json())).not.toContain('세종대로');
  // Nor can b write into a's thread by naming it: that needs a's token.
  const intrude = await fetch(`${app.url}/api/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ conversationId: a.body.conversationId, text: '주소 다시 알려주세요' }),
  });
  expect(intrude.status).toBe(401);
  const wrongToken = await say('주소 다시 알려주세요', { thread: { conversationId: a.body.conversationId, accessToken: b.body.accessToken } });
  expect(wrongToken.status).toBe(403);
  const stream = await sse(`/api/v1/conversations/${a.body.conversationId}/events?token=${encodeURIComponent(b.body.accessToken)}`);
  expect(stream.status).toBe(403);
});

test('a thread continued with its token stays one conversation; an unknown conversation is 404', async () => {
  const first = await say('안녕');
  const next = await say('가족관계증명서 어디서 떼요', { thread: first.body as Thread });
  expect(next.status).toBe(201);
  expect(next.body.conversationId).toBe(first.body.conversationId);
  const ghost = await say('안녕', {
    thread: { conversationId: 'no-such-conversation', accessToken: createAccessTokens(TEST_SECRET).issue('no-such-conversation') },
  });
  expect(ghost.status).toBe(404);
});

test("the event stream refuses another citizen's token before opening", async () => {
  const a = await say('안녕');
  const b = await say('안녕');
  const stolen = await sse(`/api/v1/conversations/${a.body.conversationId}/events?token=${encodeURIComponent(b.body.accessToken)}`);
  expect(stolen.status).toBe(403);
  const missing = await sse(`/api/v1/conversations/${a.body.conversationId}/events`);
  expect(missing.status).toBe(401);
});

test("SSE delivers a message published on the conversation, and only that conversation's", async () => {
  const a = await say('안녕');
  const b = await say('안녕');
  const stream = await sse(`/api/v1/conversations/${a.body.conversationId}/events?token=${encodeURIComponent(a.body.accessToken)}`);
  expect(stream.status).toBe(200);

  const agentReply = (conversationId: string, id: string, text: string) =>
    app.events.publish({
      type: 'message.created',
      conversationId,
      message: { id, conversationId, direction: 'out', author: 'agent', text, links: [], createdAt: new Date().toISOString() },
    });
  await agentReply(b.body.conversationId, 'zz-other', '다른 시민에게 보낸 답');
  await agentReply(a.body.conversationId, 'zz-mine', '상담원입니다. 도와드릴게요.');
  await stream.waitFor((events) => events.some((e) => e.id === 'zz-mine'));
  const mine = stream.events.find((e) => e.id === 'zz-mine')!;
  expect(mine.event).toBe('message.created');
  expect(JSON.parse(mine.data)).toMatchObject({ author: 'agent', text: '상담원입니다. 도와드릴게요.' });
  expect(stream.events.some((e) => e.id === 'zz-other')).toBe(false);
});

test('the bot reply delivered after the POST arrives on the stream', async () => {
  const first = await say('안녕');
  const stream = await sse(`/api/v1/conversations/${first.body.conversationId}/events`, { authorization: `Bearer ${first.body.accessToken}` });
  await say('가족관계증명서 어디서 떼요', { thread: first.body as Thread });
  await stream.waitFor((events) => events.some((e) => JSON.parse(e.data).text === '전자가족관계등록시스템에서 발급하세요.'));
});

test('reconnecting with Last-Event-ID replays what was missed, once', async () => {
  const first = await say('욕설');
  const token = first.body.accessToken;
  await say('가족관계증명서 어디서 떼요', { thread: first.body as Thread });
  await new Promise((resolve) => setTimeout(resolve, 50)); // the bot reply is stored just after the response
  const stream = await sse(`/api/v1/conversations/${first.body.conversationId}/events`, {
    authorization: `Bearer ${token}`,
    'last-event-id': first.body.messageId,
  });
  await stream.waitFor((events) => events.length >= 2);
  const texts = stream.events.map((e) => JSON.parse(e.data).text);
  expect(texts).toEqual(['가족관계증명서 어디서 떼요', '전자가족관계등록시스템에서 발급하세요.']);
  expect(new Set(stream.events.map((e) => e.id)).size).toBe(stream.events.length);
});

test('heartbeats keep the stream alive, and closing it unsubscribes', async () => {
  const first = await say('안녕');
  const before = app.streams.size();
  const stream = await sse(`/api/v1/conversations/${first.body.conversationId}/events?token=${encodeURIComponent(first.body.accessToken)}`);
  await new Promise((resolve) => setTimeout(resolve, 250));
  expect(stream.raw()).toMatch(/^retry: \d+\n\n(: heartbeat\n\n)+/);
  expect(app.streams.size()).toBe(before + 1);
  stream.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(app.streams.size()).toBe(before);
});

test(
  'POST is rate limited per client',
  async () => {
    const limited = await startTestApp({ env: { WEB_CHAT_RATE_LIMIT: '2' } });
    try {
      const send = () =>
        fetch(`${limited.url}/api/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(201);
      const third = await send();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await third.json()) as any).error.code).toBe('SOTONG_ERR_RATE_LIMITED');
    } finally {
      await limited.close();
    }
  },
  STARTUP_TIMEOUT_MS,
);
