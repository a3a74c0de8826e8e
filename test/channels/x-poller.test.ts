import { RetryableSendError } from '../../pipeline/send-errors';
import { createXClient } from '../../channels/x/client';
import { MemoryCursorStore } from '../../channels/x/cursor-store';
import { cursorKey, pollMentions } from '../../channels/x/mention-poller';
import { FakeXApi } from '../fakes/fake-x-api';
import { MemoryPipeline } from './support/memory-pipeline';
import { X_ACCOUNT } from './support/payloads';

function mention(n: number, author = '42424242') {
  return {
    id: (1897000000000000000n + BigInt(n)).toString(),
    text: `@gov_helpline 질문 ${n}`,
    author_id: author,
    created_at: new Date(Date.UTC(2025, 2, 4, 1, 0, n)).toISOString(),
  };
}

describe('mention poller against the fake X API', () => {
  let fake: FakeXApi;
  let pipeline: MemoryPipeline;
  let cursors: MemoryCursorStore;
  const client = () => createXClient({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'ts', apiBaseUrl: fake.url });

  beforeEach(async () => {
    fake = await new FakeXApi().start();
    fake.users.push({ id: '42424242', username: 'citizen_kim', name: '김민수' });
    pipeline = new MemoryPipeline();
    cursors = new MemoryCursorStore();
  });
  afterEach(() => fake.close());

  it('follows pagination, ingests oldest first and saves the newest id', async () => {
    for (let n = 1; n <= 12; n++) fake.mentions.push(mention(n));
    const result = await pollMentions(client(), pipeline, cursors, { accountId: X_ACCOUNT, pageSize: 5 });
    expect(result).toMatchObject({ fetched: 12, ingested: 12, duplicates: 0 });
    expect(fake.server.requestsTo('GET', /mentions$/)).toHaveLength(3);
    const texts = [...pipeline.messages.values()].map((m) => m.message.text);
    expect(texts).toEqual(Array.from({ length: 12 }, (_, i) => `질문 ${i + 1}`));
    const first = [...pipeline.messages.values()][0]!.message;
    expect(first).toMatchObject({ externalId: `tw:${mention(1).id}`, userHandle: 'citizen_kim', isPublic: true });
    expect(await cursors.get(cursorKey(X_ACCOUNT))).toBe(mention(12).id);
  });

  it('asks only for newer mentions next time (since_id) and skips our own tweets', async () => {
    fake.mentions.push(mention(1));
    await pollMentions(client(), pipeline, cursors, { accountId: X_ACCOUNT });
    fake.mentions.push(mention(2), mention(3, X_ACCOUNT));
    const second = await pollMentions(client(), pipeline, cursors, { accountId: X_ACCOUNT });
    const last = fake.server.requestsTo('GET', /mentions$/).at(-1)!;
    expect(last.query.get('since_id')).toBe(mention(1).id);
    expect(second).toMatchObject({ fetched: 2, ingested: 1, sinceId: mention(3).id });
    expect(pipeline.messages.size).toBe(2);
    const third = await pollMentions(client(), pipeline, cursors, { accountId: X_ACCOUNT });
    expect(third).toMatchObject({ fetched: 0, ingested: 0, sinceId: mention(3).id });
  });

  it('keeps the cursor when the poll is rate limited, so nothing is skipped', async () => {
    await cursors.set(cursorKey(X_ACCOUNT), mention(1).id);
    fake.mentions.push(mention(2));
    fake.resetEpochSeconds = Math.floor(Date.now() / 1000) + 30;
    fake.server.script('GET /2/users/:id/mentions', fake.tooManyRequests());
    const err = await pollMentions(client(), pipeline, cursors, { accountId: X_ACCOUNT }).catch((e) => e);
    expect(err).toBeInstanceOf(RetryableSendError);
    expect(err.retryAfterMs).toBeGreaterThan(25_000);
    expect(await cursors.get(cursorKey(X_ACCOUNT))).toBe(mention(1).id);
    await pollMentions(client(), pipeline, cursors, { accountId: X_ACCOUNT });
    expect(pipeline.messages.size).toBe(1);
  });
});
