// The mention poller as the service runs it: on an interval, with its cursor in the database,
// feeding the real pipeline; against the fake X API in X's wire format.
import { createXClient } from '../../channels/x/client';
import { cursorKey } from '../../channels/x/mention-poller';
import { silentLogger } from '../../core/logger';
import { databaseCursorStore, startMentionPolling } from '../../channels/x/polling';
import { FakeXApi } from '../fakes/fake-x-api';
import { describeEachDatabaseKind } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { composeHarness, type SystemHarness } from '../support/pipeline-harness';

const ACCOUNT = '1500000000000000001';
const mention = (n: number) => ({
  id: (1897000000000000000n + BigInt(n)).toString(),
  text: `@gov_helpline 여권 재발급 문의 ${n}`,
  author_id: '42424242',
  created_at: new Date(Date.UTC(2026, 10, 28, 1, 0, n)).toISOString(),
});

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describeEachDatabaseKind('X mention polling loop', (kind) => {
  let fake: FakeXApi;
  let harness: SystemHarness;
  const database = () => harness.database;
  beforeEach(async () => {
    fake = await new FakeXApi().start();
    fake.users.push({ id: '42424242', username: 'citizen_kim', name: '김민수' });
    harness = await composeHarness({ kind, driver: 'in-process' });
  }, STARTUP_TIMEOUT_MS);
  afterEach(async () => {
    await harness.close();
    await fake.close();
  });

  test('polls on an interval, stores mentions once and resumes from the saved cursor', async () => {
    const client = createXClient({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'ts', apiBaseUrl: fake.url });
    const cursors = databaseCursorStore(database());
    const count = async () =>
      Number(
        (
          await database()
            .db.selectFrom('messages')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('channel', '=', 'x')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const start = await count();
    fake.mentions.push(mention(1), mention(2));

    const stop = startMentionPolling({ client, pipeline: harness.pipeline, cursors, accountId: ACCOUNT, intervalMs: 50, logger: silentLogger });
    await until(async () => (await count()) === start + 2);
    fake.mentions.push(mention(3));
    await until(async () => (await count()) === start + 3);
    await stop();
    expect(await cursors.get(cursorKey(ACCOUNT))).toBe(mention(3).id);

    // A restarted poller asks X only for what is newer than the stored cursor.
    const polls = fake.server.requestsTo('GET', /mentions$/).length;
    const again = startMentionPolling({ client, pipeline: harness.pipeline, cursors, accountId: ACCOUNT, intervalMs: 1000, logger: silentLogger });
    await until(async () => fake.server.requestsTo('GET', /mentions$/).length > polls);
    await again();
    const last = fake.server.requestsTo('GET', /mentions$/).at(-1)!;
    expect(last.query.get('since_id')).toBe(mention(3).id);
    expect(await count()).toBe(start + 3);
  });

  test('a 429 pauses polling until the reset X announced', async () => {
    const client = createXClient({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'ts', apiBaseUrl: fake.url });
    fake.resetEpochSeconds = Math.floor(Date.now() / 1000) + 600;
    fake.server.script('GET /2/users/:id/mentions', fake.tooManyRequests());
    const stop = startMentionPolling({
      client,
      pipeline: harness.pipeline,
      cursors: databaseCursorStore(database()),
      accountId: ACCOUNT,
      intervalMs: 20,
      logger: silentLogger,
    });
    await until(async () => fake.server.requestsTo('GET', /mentions$/).length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    await stop();
    // Fifteen intervals passed, but the reset is ten minutes away: no second request.
    expect(fake.server.requestsTo('GET', /mentions$/)).toHaveLength(1);
  });
});
