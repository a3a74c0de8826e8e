// A bounded, seeded fuzzer for the webhooks and the web-chat API: it mutates valid payloads (in
// their real wire format) and signs each mutated body validly, so the bodies get past signature
// checks and reach the parsers and the pipeline. The same seed gives the same bodies.
// Used by test/faults/fuzz.test.ts (small, in CI) and bench/fuzz.ts (about 5 000 per target).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../server/config';
import { silentLogger } from '../../../core/logger';
import { seededRandom } from '../../../core/random';
import { startServer, type RunningServer } from '../../../server/main';
import { kakaoDelivery, metaDelivery, xDelivery, type Delivery } from '../../fakes/platform-signers';
import {
  fbComment,
  fbMessage,
  fbPage,
  KAKAO_BOT,
  KAKAO_SECRET,
  META_SECRET,
  PAGE_ID,
  X_ACCOUNT,
  X_SECRET,
  kakaoSkill,
  xActivity,
  xDm,
  xMention,
} from '../../channels/support/payloads';

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udc00x',
  '\u0007\u001b[31m',
  '\r\n\r\n',
  '가'.repeat(12_000),
  'x'.repeat(70_000),
  '<script>alert(1)</script>',
  '{"a":',
  '9'.repeat(40),
  '-1',
  'NaN',
  '1e309',
  '2025-13-45T99:99:99Z',
  '\u202e\u200b\ufeff',
  '😀'.repeat(500),
  '010-1234-5678 900101-1234567',
];
const NASTY_VALUES: unknown[] = [null, true, false, 0, -1, 1e308, -1e308, 8.64e15 + 1, 2 ** 63, 1.5, [], {}, [null], { a: { b: { c: [] } } }];

function nasty(random: () => number): unknown {
  const pick = random();
  if (pick < 0.55) return NASTY_STRINGS[Math.floor(random() * NASTY_STRINGS.length)];
  return structuredClone(NASTY_VALUES[Math.floor(random() * NASTY_VALUES.length)]);
}

/** Every (container, key) path in a JSON tree. */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value, i]);
      slots(v, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, k]);
      slots(v, out);
    }
  }
  return out;
}

/** One to three structural mutations of a deep copy of `payload`. */
export function mutate(payload: unknown, random: () => number): unknown {
  const copy = structuredClone(payload);
  const times = 1 + Math.floor(random() * 3);
  for (let n = 0; n < times; n++) {
    const all = slots(copy);
    if (all.length === 0) break;
    const [container, key] = all[Math.floor(random() * all.length)]!;
    const op = random();
    if (op < 0.6) (container as Record<string | number, unknown>)[key] = nasty(random);
    else if (op < 0.75) {
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key as string];
    } else if (op < 0.85 && Array.isArray(container)) container.push(structuredClone(container[Number(key)]));
    else (container as Record<string | number, unknown>)[Array.isArray(container) ? container.length : `fuzz_${Math.floor(random() * 1000)}`] = nasty(random);
  }
  return copy;
}

export interface FuzzTarget {
  readonly name: string;
  readonly path: string;
  readonly seeds: readonly unknown[];
  readonly sign: (payload: unknown) => Delivery;
}

export const TARGETS: readonly FuzzTarget[] = [
  {
    name: 'X (Account Activity)',
    path: '/webhooks/x',
    seeds: [xActivity({ tweets: [xMention()] }), xActivity({ dms: [xDm()] })],
    sign: (p) => xDelivery(X_SECRET, p),
  },
  {
    name: 'Facebook (Page webhook)',
    path: '/webhooks/facebook',
    seeds: [fbPage({ messaging: [fbMessage(), fbMessage('m_2', '둘째')] }), fbPage({ changes: [fbComment()] })],
    sign: (p) => metaDelivery(META_SECRET, p),
  },
  { name: 'Kakao (skill)', path: '/webhooks/kakao', seeds: [kakaoSkill()], sign: (p) => kakaoDelivery(KAKAO_SECRET, p) },
  {
    name: 'Web chat (POST /api/v1/messages)',
    path: '/api/v1/messages',
    seeds: [{ text: '가족관계증명서 어디서 떼요' }],
    sign: (p) => ({ body: JSON.stringify(p), headers: { 'content-type': 'application/json' } }),
  },
];

export interface FuzzResult {
  readonly target: string;
  readonly bodies: number;
  readonly byStatus: Record<string, number>;
  readonly fivexx: number;
  readonly failures: readonly string[];
}

/** A Sotong server (PGlite in a temp folder, in-process jobs) with every channel enabled. */
export async function startFuzzServer(): Promise<{ server: RunningServer; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-fuzz-'));
  const config = loadConfig({
    PORT: '0',
    SOTONG_DATA_DIR: dataDir,
    SOTONG_SECRET: 'fuzz-secret-fuzz-secret-fuzz-secret',
    SOTONG_ADMIN_PASSWORD: 'fuzz admin password',
    LOG_LEVEL: 'silent',
    WEB_CHAT_RATE_LIMIT: '100000',
    X_CONSUMER_SECRET: X_SECRET,
    X_API_KEY: 'k',
    X_ACCESS_TOKEN: 't',
    X_ACCESS_SECRET: 's',
    X_ACCOUNT_ID: X_ACCOUNT,
    // Replies go nowhere: a closed port, so sends fail as retryable and nothing leaves the machine.
    X_API_BASE_URL: 'http://127.0.0.1:9',
    FB_APP_SECRET: META_SECRET,
    FB_VERIFY_TOKEN: 'verify',
    FB_PAGE_TOKEN: 'page-token',
    FB_PAGE_ID: PAGE_ID,
    FB_GRAPH_BASE_URL: 'http://127.0.0.1:9',
    KAKAO_SKILL_SECRET: KAKAO_SECRET,
    KAKAO_BOT_ID: KAKAO_BOT,
  });
  const server = await startServer(config, { role: 'all', logger: silentLogger, print: () => undefined });
  return {
    server,
    async stop() {
      await server.stop('fuzz over');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Posts `bodies` mutated, validly signed bodies to the target; a 5xx or a dropped connection is a failure. */
export async function fuzzTarget(baseUrl: string, target: FuzzTarget, bodies: number, seed: number): Promise<FuzzResult> {
  const random = seededRandom(seed);
  const byStatus: Record<string, number> = {};
  const failures: string[] = [];
  for (let i = 0; i < bodies; i++) {
    const payload = mutate(target.seeds[i % target.seeds.length], random);
    const delivery = target.sign(payload);
    const status = await fetch(`${baseUrl}${target.path}`, { method: 'POST', body: delivery.body, headers: delivery.headers }).then(
      async (r) => (await r.arrayBuffer(), r.status),
      () => 0,
    );
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (status === 0 || status >= 500) failures.push(`${status}: ${delivery.body.slice(0, 300)}`);
  }
  return { target: target.name, bodies, byStatus, fivexx: failures.length, failures };
}
