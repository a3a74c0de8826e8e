// The web chat end to end over HTTP, on the system compose builds: the real pipeline, store
// (PGlite, and PostgreSQL when configured), in-process job driver and live events, with a table
// model in place of the classifier. The POST answers inline, the outbound job delivers the bot reply through the web sender and the SSE stream shows it, the transcript is
// redacted, and a second citizen cannot read the first one's thread.
import type { Database } from '../../store/database';
import { describeEachDatabaseKind } from '../support/backends';
import { startComposedServer, STARTUP_TIMEOUT_MS, type ComposedServer } from '../support/composed-server';
import { seedCatalog } from '../support/seed-catalog';
import { exactTriage } from '../support/pipeline-fixtures';
import { openSse } from './sse-client';

const TRIAGE = exactTriage({
  '여권 재발급 어디서 해요': {
    intent: 'passport.issue',
    confidence: 0.96,
    action: 'auto_answer',
    reply: { text: '여권은 시·군·구청 여권 민원실에서 재발급해요.', links: [{ label: '외교부 여권안내', url: 'https://www.passport.go.kr' }] },
  },
});

describeEachDatabaseKind('web chat over the real pipeline', (kind) => {
  let running: ComposedServer;
  let db: Database['db'];

  beforeAll(async () => {
    const catalog = seedCatalog();
    running = await startComposedServer(kind, { overrides: { model: { triage: () => TRIAGE, catalog: () => catalog } } });
    db = running.composed.database.db;
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await running?.close();
  });

  type Thread = { conversationId: string; accessToken: string };
  /** A new thread, or `thread` continued with its token; `extra` adds body fields. */
  const say = async (text: string, thread?: Thread, extra: Record<string, unknown> = {}) => {
    const response = await fetch(`${running.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(thread && { authorization: `Bearer ${thread.accessToken}` }) },
      body: JSON.stringify({ ...extra, text, ...(thread && { conversationId: thread.conversationId }) }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { conversationId: string; messageId: string; accessToken: string; decision: any; reply: any };
  };

  test('answer inline, reply delivered live on the stream, transcript redacted and private', async () => {
    const hello = await say('안녕하세요');
    expect(hello.decision).toMatchObject({ action: 'decline' });
    const stream = await openSse(`${running.url}/api/v1/conversations/${hello.conversationId}/events?token=${encodeURIComponent(hello.accessToken)}`);
    try {
      const asked = await say('여권 재발급 어디서 해요', hello);
      expect(asked.conversationId).toBe(hello.conversationId);
      expect(asked.reply).toEqual({
        text: '여권은 시·군·구청 여권 민원실에서 재발급해요.',
        links: [{ label: '외교부 여권안내', url: 'https://www.passport.go.kr' }],
        quickReplies: [],
      });

      // The outbound job sends through the web sender, marks the row sent and publishes it.
      await stream.waitFor((events) => events.some((e) => JSON.parse(e.data).text === '여권은 시·군·구청 여권 민원실에서 재발급해요.'), 10_000);
      const delivered = JSON.parse(stream.events.find((e) => JSON.parse(e.data).author === 'bot' && JSON.parse(e.data).text.startsWith('여권은'))!.data);
      expect(delivered).toMatchObject({ conversationId: hello.conversationId, direction: 'out', author: 'bot' });
    } finally {
      stream.close();
    }

    // PII is redacted before it is stored, and the transcript shows only the redacted text.
    await say('제 번호는 010-2345-6789 예요', hello);
    const response = await fetch(`${running.url}/api/v1/conversations/${hello.conversationId}/messages`, {
      headers: { authorization: `Bearer ${hello.accessToken}` },
    });
    const transcript = ((await response.json()) as { messages: Array<{ author: string; text: string }> }).messages;
    expect(transcript.map((m) => m.author)).toEqual(['citizen', 'citizen', 'bot', 'citizen']);
    const texts = transcript.map((m) => m.text);
    expect(texts).toContain('제 번호는 [PHONE] 예요');
    expect(JSON.stringify(transcript)).not.toContain('010-2345-6789');

    // Another citizen's token opens nothing of this thread.
    const other = await say('여권 재발급 어디서 해요');
    expect(other.conversationId).not.toBe(hello.conversationId);
    const denied = await fetch(`${running.url}/api/v1/conversations/${hello.conversationId}/messages`, {
      headers: { authorization: `Bearer ${other.accessToken}` },
    });
    expect(denied.status).toBe(403);
  });

  test('client-chosen ids are never stored: the thread id is minted, the message id kept as a digest', async () => {
    const first = await say('안녕하세요', undefined, { userId: '010-9988-7766', clientMessageId: '01099887766' });
    const again = await say('여권 재발급 어디서 해요', first, { userId: '010-9988-7766', clientMessageId: '01099887767' });
    expect(again.conversationId).toBe(first.conversationId);
    const contact = await db
      .selectFrom('conversations')
      .innerJoin('contacts', 'contacts.id', 'conversations.contact_id')
      .select(['contacts.platform_user_id', 'conversations.thread_key'])
      .where('conversations.id', '=', first.conversationId)
      .executeTakeFirstOrThrow();
    // 128 random bits, base64url.
    expect(contact.platform_user_id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(contact.thread_key).toBe(`web:${contact.platform_user_id}`);
    const rows = await db.selectFrom('messages').select(['external_id', 'reply_target']).where('conversation_id', '=', first.conversationId).execute();
    const stored = JSON.stringify([contact, rows]);
    expect(stored).not.toMatch(/9988|0109988776/);
  });

  test('readiness reflects the real database and job queue', async () => {
    const response = await fetch(`${running.url}/readyz`);
    expect(response.status).toBe(200);
  });
});
