// Personal data never rests anywhere: `sotong serve` runs as a real process with every channel on
// (X, Facebook and Kakao against fakes in their wire formats, and the web chat). Each PII spelling
// goes in through every channel's display name and text. Then the server stops, and we read every
// text column of every table and the process's whole output (stdout and stderr): none of the
// spellings, nor the digits of any of them, appear.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDatabase } from '../../store/database';
import { FakeGraphApi } from '../fakes/fake-graph-api';
import { FakeXApi } from '../fakes/fake-x-api';
import { kakaoDelivery, metaDelivery, xDelivery } from '../fakes/platform-signers';
import { startServeProcess, type ServedProcess } from '../support/served-process';

const ROOT = path.resolve(__dirname, '..', '..');
const X_ACCOUNT = '1500000000000000001';
const PAGE_ID = '104000000000001';
const SECRETS = { x: 'x-consumer-secret', meta: 'meta-app-secret', kakao: 'kakao-skill-secret' };

// The spellings the issue found at rest, and the ones the redactor used to miss.
const PII: readonly string[] = [
  '010-9988-7766',
  '01099887766',
  '010\u200B9988\u200B7766',
  '０１０－９９８８－７７６６',
  '공일공 구구팔팔 칠칠육육',
  '+82 10-9988-7766',
  '02-345-6789',
  '900101-1234567',
  '9001011234567',
  '4111-1111-1111-1111',
  '카카오뱅크 3333 12 3456789',
  '새마을금고 9002-1234-5678-1',
  'SC제일 123-45-678901',
  '하나은행 12345678901234',
  '여권 M123A4567',
  '김민수@회사.한국',
  'minsu.kim@naver.com',
];
// What must not appear: each spelling's digit run (or the whole value when it has few digits).
const NEEDLES = [...new Set(PII.flatMap((p) => [p, ...(p.replace(/[^0-9０-９]/g, '').length >= 7 ? [p.replace(/\D/g, '')] : [])]))].filter(Boolean);
const HANGUL_NEEDLE = '구구팔팔';

let served: ServedProcess | undefined;
let dataDir: string;
const fakeX = new FakeXApi();
const fakeGraph = new FakeGraphApi('page-token');

afterAll(async () => {
  served?.kill();
  await fakeX.close().catch(() => undefined);
  await fakeGraph.close().catch(() => undefined);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function post(url: string, delivery: { body: string; headers: Record<string, string> }) {
  return fetch(url, { method: 'POST', body: delivery.body, headers: delivery.headers });
}

test('PII sent through every channel name and text is in no table column and no log line', async () => {
  await fakeX.start();
  await fakeGraph.start();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-pii-at-rest-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SOTONG_DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    X_CONSUMER_SECRET: SECRETS.x,
    X_API_KEY: 'x-api-key',
    X_ACCESS_TOKEN: 'x-access-token',
    X_ACCESS_SECRET: 'x-access-secret',
    X_ACCOUNT_ID: X_ACCOUNT,
    X_API_BASE_URL: fakeX.url,
    FB_APP_SECRET: SECRETS.meta,
    FB_VERIFY_TOKEN: 'verify',
    FB_PAGE_TOKEN: 'page-token',
    FB_PAGE_ID: PAGE_ID,
    FB_GRAPH_BASE_URL: fakeGraph.url,
    KAKAO_SKILL_SECRET: SECRETS.kakao,
  };
  served = await startServeProcess({ args: ['bin/sotong.js', 'serve'], cwd: ROOT, env, readyWithinMs: 120_000 });
  const { base } = served;

  let n = 0;
  for (const pii of PII) {
    n += 1;
    const userId = String(8_000_000 + n);
    const text = `제 정보는 ${pii} 입니다. 확인해 주세요`;
    const name = `김민수 ${pii}`;
    // X: a DM (sender name in `users`) and a public mention (user.name).
    const xActivity = {
      for_user_id: X_ACCOUNT,
      direct_message_events: [
        {
          type: 'message_create',
          id: `19000000000000${n}01`,
          created_timestamp: String(Date.now()),
          message_create: { target: { recipient_id: X_ACCOUNT }, sender_id: userId, message_data: { text } },
        },
      ],
      users: { [userId]: { id: userId, name, screen_name: `citizen${n}` }, [X_ACCOUNT]: { id: X_ACCOUNT, name: '정부민원안내', screen_name: 'gov_helpline' } },
      tweet_create_events: [
        {
          created_at: new Date().toUTCString(),
          id_str: `18970000000000${n}01`,
          text: `@gov_helpline ${text}`,
          user: { id_str: userId, screen_name: `citizen${n}`, name },
          entities: { user_mentions: [{ id_str: X_ACCOUNT, screen_name: 'gov_helpline' }] },
        },
      ],
    };
    expect((await post(`${base}/webhooks/x`, xDelivery(SECRETS.x, xActivity))).status).toBe(200);
    // Facebook: a Messenger message and a Page comment (from.name).
    const page = {
      object: 'page',
      entry: [
        {
          id: PAGE_ID,
          time: Date.now(),
          messaging: [{ sender: { id: `70000000000${n}` }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid: `m_pii_${n}`, text } }],
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'add',
                comment_id: `2000000000_${n}`,
                post_id: `${PAGE_ID}_2000000000`,
                parent_id: `${PAGE_ID}_2000000000`,
                created_time: Math.floor(Date.now() / 1000),
                from: { id: `71000000000${n}`, name },
                message: text,
              },
            },
          ],
        },
      ],
    };
    expect((await post(`${base}/webhooks/facebook`, metaDelivery(SECRETS.meta, page))).status).toBe(200);
    // Kakao: the utterance (a skill request carries no display name).
    const skill = {
      intent: { id: 'i1', name: '민원' },
      userRequest: {
        timezone: 'Asia/Seoul',
        lang: 'ko',
        utterance: text,
        params: {},
        block: { id: 'b1', name: '민원' },
        user: { id: `kakao${n}`, type: 'botUserKey', properties: {} },
      },
      bot: { id: 'bot1', name: '정부민원봇' },
      action: { id: 'a1', name: 'skill', params: {}, detailParams: {}, clientExtra: {} },
    };
    expect((await post(`${base}/webhooks/kakao`, kakaoDelivery(SECRETS.kakao, skill))).status).toBe(200);
    // Web chat: the text, and a client-chosen id shaped like the data (the server ignores it).
    const web = await fetch(`${base}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: '010-9988-7766', text }),
    });
    expect(web.status).toBe(201);
  }

  // Every platform message is processed (the X and Facebook ones by the inbound job).
  const expected = PII.length * 6;
  const database = () => createDatabase({ dataDir });
  expect(await served.stop()).toBe(0);
  const db = await database();
  try {
    const messages = await sql<{ count: string }>`select count(*)::text as count from messages where direction = 'in'`.execute(db.db);
    expect(Number(messages.rows[0]!.count)).toBe(expected);

    // Every column of every table that can hold text, cast to text.
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`.execute(db.db);
    expect(columns.rows.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const { table_name, column_name } of columns.rows) {
      const rows = await sql<{ v: string | null }>`select ${sql.ref(column_name)}::text as v from ${sql.table(table_name)}`.execute(db.db);
      for (const { v } of rows.rows) {
        if (!v) continue;
        for (const needle of [...NEEDLES, HANGUL_NEEDLE])
          if (v.includes(needle)) found.push(`${table_name}.${column_name} holds ${JSON.stringify(needle)}: ${v.slice(0, 120)}`);
      }
    }
    expect(found).toEqual([]);
    // The display names were stored, redacted (X: one contact per sender; Facebook: the commenter).
    const names = await sql<{ display_name: string }>`select display_name from contacts where display_name like '김민수%'`.execute(db.db);
    expect(names.rows.length).toBe(PII.length * 2);
  } finally {
    await db.close();
  }

  const output = served.output();
  expect(output.length).toBeGreaterThan(1000);
  const leaked = [...NEEDLES, HANGUL_NEEDLE].filter((needle) => output.includes(needle));
  expect(leaked).toEqual([]);
}, 300_000);
