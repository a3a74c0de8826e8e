import { RetryableSendError } from '../../pipeline/send-errors';
import { createXClient } from '../../channels/x/client';
import { MemoryCursorStore } from '../../channels/x/cursor-store';
import { cursorKey, pollMentions } from '../../channels/x/mention-poller';
import { FakeXApi } from '../fakes/fake-x-api';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { exactTriage } from '../support/pipeline-fixtures';
import { startChannelServer, type ChannelServer } from './support/channel-server';
import { X_ACCOUNT } from './support/payloads';

// Each test's mentions have ids of their own, so the shared store takes none for a duplicate.
let base = 1897000000000000000n;

function mention(n: number, author = '42424242') {
  return {
    id: (base + BigInt(n)).toString(),
    text: `@gov_helpline 질문 ${n}`,
    author_id: author,
    created_at: new Date(Date.UTC(2025, 2, 4, 1, 0, n)).toISOString(),
  };
}

describe('mention poller against the fake X API', () => {
  let fake: FakeXApi;
  let server: ChannelServer;
  let cursors: MemoryCursorStore;
  const client = () => createXClient({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'ts', apiBaseUrl: fake.url });
  const poll = (options: Omit<Parameters<typeof pollMentions>[3], 'accountId'> = {}) =>
    pollMentions(client(), server.composed.pipeline, cursors, { accountId: X_ACCOUNT, ...options });

  /** This test's mentions as the store holds them, oldest first. */
  const stored = (...ns: number[]) =>
    server.db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .innerJoin('contacts as p', 'p.id', 'c.contact_id')
      .select(['m.external_id as externalId', 'm.text', 'p.handle as userHandle', 'c.is_public as isPublic'])
      .where('m.channel', '=', 'x')
      .where('m.direction', '=', 'in')
      .where(
        'm.external_id',
        'in',
        ns.map((n) => `tw:${mention(n).id}`),
      )
      .orderBy('m.id')
      .execute();

  beforeAll(async () => {
    // Declines without a reply: these tests are about what is read from X, not what is sent.
    server = await startChannelServer('pglite', { triage: exactTriage({}) });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());
  beforeEach(async () => {
    base += 1000n;
    fake = await new FakeXApi().start();
    fake.users.push({ id: '42424242', username: 'citizen_kim', name: '김민수' });
    cursors = new MemoryCursorStore();
  });
  afterEach(() => fake.close());

  it('follows pagination, ingests oldest first and saves the newest id', async () => {
    for (let n = 1; n <= 12; n++) fake.mentions.push(mention(n));
    const result = await poll({ pageSize: 5 });
    expect(result).toMatchObject({ fetched: 12, ingested: 12, duplicates: 0 });
    expect(fake.server.requestsTo('GET', /mentions$/)).toHaveLength(3);
    const messages = await stored(...Array.from({ length: 12 }, (_, i) => i + 1));
    expect(messages.map((m) => m.text)).toEqual(Array.from({ length: 12 }, (_, i) => `질문 ${i + 1}`));
    const first = messages[0]!;
    expect(first).toMatchObject({ externalId: `tw:${mention(1).id}`, userHandle: 'citizen_kim', isPublic: true });
    expect(await cursors.get(cursorKey(X_ACCOUNT))).toBe(mention(12).id);
  });

  it('asks only for newer mentions next time (since_id) and skips our own tweets', async () => {
    fake.mentions.push(mention(1));
    await poll();
    fake.mentions.push(mention(2), mention(3, X_ACCOUNT));
    const second = await poll();
    const last = fake.server.requestsTo('GET', /mentions$/).at(-1)!;
    expect(last.query.get('since_id')).toBe(mention(1).id);
    expect(second).toMatchObject({ fetched: 2, ingested: 1, sinceId: mention(3).id });
    expect(await stored(1, 2, 3)).toHaveLength(2);
    const third = await poll();
    expect(third).toMatchObject({ fetched: 0, ingested: 0, sinceId: mention(3).id });
  });

  it('keeps the cursor when the poll is rate limited, so nothing is skipped', async () => {
    await cursors.set(cursorKey(X_ACCOUNT), mention(1).id);
    fake.mentions.push(mention(2));
    fake.resetEpochSeconds = Math.floor(Date.now() / 1000) + 30;
    fake.server.script('GET /2/users/:id/mentions', fake.tooManyRequests());
    const err = await poll().catch((e) => e);
    expect(err).toBeInstanceOf(RetryableSendError);
    expect(err.retryAfterMs).toBeGreaterThan(25_000);
    expect(await cursors.get(cursorKey(X_ACCOUNT))).toBe(mention(1).id);
    await poll();
    expect(await stored(1, 2)).toHaveLength(1);
  });
});
