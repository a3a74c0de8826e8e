// Config validation fails fast and names the variable; channels turn on only with all secrets.
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../server/config';

const X_SECRETS = { X_CONSUMER_SECRET: 'cs', X_API_KEY: 'k', X_ACCESS_TOKEN: 't', X_ACCESS_SECRET: 's', X_ACCOUNT_ID: '1500000000000000001' };
const FB_SECRETS = { FB_APP_SECRET: 'a', FB_VERIFY_TOKEN: 'v', FB_PAGE_TOKEN: 'p', FB_PAGE_ID: '104000000000001' };

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

test('defaults: a single machine needs no variables at all', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', logLevel: 'info', webChatRateLimit: 30 });
  expect(config.databaseUrl).toBeUndefined();
  expect(config.redisUrl).toBeUndefined();
  expect(config.channels).toEqual({});
});

test('values are parsed and typed; empty strings count as unset', () => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    DATABASE_URL: 'postgres://u@db:5432/sotong',
    REDIS_URL: 'redis://r:6379',
    LOG_LEVEL: 'debug',
    SOTONG_SECRET: '',
  });
  expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://u@db:5432/sotong', redisUrl: 'redis://r:6379', logLevel: 'debug' });
  expect(config.secret).toBeUndefined();
});

test.each([
  [{ PORT: 'abc' }, /PORT: .*number/],
  [{ PORT: '70000' }, /PORT: /],
  [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected a postgres:\/\/… or postgresql:\/\/… URL/],
  [{ REDIS_URL: 'not a url' }, /REDIS_URL: expected a redis:\/\/… or rediss:\/\/… URL/],
  [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL: /],
  [{ SOTONG_SECRET: 'short' }, /SOTONG_SECRET: must be at least 32 characters/],
  [{ SOTONG_ADMIN_PASSWORD: 'short' }, /SOTONG_ADMIN_PASSWORD: must be at least 12 characters/],
  [{ SOTONG_ADMIN_EMAIL: 'nobody' }, /SOTONG_ADMIN_EMAIL: expected an email address/],
  [{ X_ACCOUNT_ID: 'gov_helpline', ...{ X_API_KEY: 'k' } }, /X_ACCOUNT_ID: must be the numeric account id/],
  [{ FB_GRAPH_VERSION: '21' }, /FB_GRAPH_VERSION: looks like v21\.0/],
  [{ MODEL_RELOAD_SECONDS: '0' }, /MODEL_RELOAD_SECONDS: /],
  [{ LOGIN_MAX_FAILURES: '0' }, /LOGIN_MAX_FAILURES: /],
  [{ LOGIN_WINDOW_MINUTES: 'soon' }, /LOGIN_WINDOW_MINUTES: /],
  [{ HANDOFF_SLA_SECONDS: 'urgent=fast' }, /HANDOFF_SLA_SECONDS: /],
  [{ SURGE_TICK_SECONDS: '0' }, /SURGE_TICK_SECONDS: /],
])('%j fails naming the variable', (env, message) => {
  expect(failure(env)).toMatch(message);
});

test('policy lives in the configuration: model reload, login lockout, handoff and surge settings', () => {
  const defaults = loadConfig({});
  expect(defaults.modelReloadMs).toBe(30_000);
  expect(defaults.loginLimit).toEqual({ maxFailures: 5, windowMs: 15 * 60_000, maxFailuresPerIp: 20, maxFailuresPerAccount: 25 });
  expect(defaults.handoff.sla.firstResponseMs.high).toBe(300_000);
  expect(defaults.surge.tickMs).toBe(10_000);
  const set = loadConfig({
    MODEL_RELOAD_SECONDS: '2.5',
    LOGIN_MAX_FAILURES: '3',
    LOGIN_WINDOW_MINUTES: '1',
    LOGIN_MAX_FAILURES_PER_IP: '9',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '11',
    HANDOFF_SLA_SECONDS: 'high=1.5',
    SURGE_TICK_SECONDS: '1',
  });
  expect(set.modelReloadMs).toBe(2500);
  expect(set.loginLimit).toEqual({ maxFailures: 3, windowMs: 60_000, maxFailuresPerIp: 9, maxFailuresPerAccount: 11 });
  expect(set.handoff.sla.firstResponseMs.high).toBe(1500);
  expect(set.surge.tickMs).toBe(1000);
});

test('several bad variables are all reported at once', () => {
  const message = failure({ PORT: '-1', LOG_LEVEL: 'x' });
  expect(message).toMatch(/PORT/);
  expect(message).toMatch(/LOG_LEVEL/);
});

test('a secret value is never echoed in the error', () => {
  expect(failure({ SOTONG_ADMIN_PASSWORD: 'hunter2' })).not.toContain('hunter2');
  expect(failure({ DATABASE_URL: 'mysql://user:pa55word@db' })).not.toContain('pa55word');
});

test('a channel is enabled only when all its secrets are set', () => {
  const config = loadConfig({ ...X_SECRETS, ...FB_SECRETS, KAKAO_SKILL_SECRET: 'k' });
  expect(config.channels.x).toEqual({
    consumerSecret: 'cs',
    apiKey: 'k',
    accessToken: 't',
    accessSecret: 's',
    accountId: '1500000000000000001',
    apiBaseUrl: 'https://api.x.com',
    pollIntervalMs: 0,
  });
  expect(config.channels.facebook).toMatchObject({
    appSecret: 'a',
    pageId: '104000000000001',
    graphBaseUrl: 'https://graph.facebook.com',
    graphVersion: 'v21.0',
  });
  expect(config.channels.kakao).toEqual({ skillSecret: 'k', botId: undefined, callbackHosts: ['*.kakao.com', '*.kakaoenterprise.com'] });
});

test("some but not all of a channel's secrets is an error naming the missing ones", () => {
  const { X_ACCESS_SECRET: _omit, ...partial } = X_SECRETS;
  const message = failure(partial);
  expect(message).toMatch(/X_ACCESS_SECRET: required to enable X/);
  expect(message).not.toMatch(/X_API_KEY: required/);
  expect(failure({ KAKAO_BOT_ID: '64ab12' })).toMatch(/KAKAO_SKILL_SECRET: required when KAKAO_BOT_ID is set/);
});

test('every variable the schema reads is in the documented table', () => {
  const names = CONFIG_VARIABLES.map((v) => v.name);
  expect(new Set(names).size).toBe(names.length);
  for (const v of CONFIG_VARIABLES) expect(v.meaning.length).toBeGreaterThan(10);
  // A variable outside the table is ignored, even if it looks like ours.
  expect(loadConfig({ SOTONG_PORT: 'x' }).port).toBe(3000);
});

test('X mention polling is off by default and set in seconds', () => {
  expect(loadConfig({ ...X_SECRETS, X_POLL_INTERVAL_SECONDS: '30' }).channels.x?.pollIntervalMs).toBe(30_000);
  expect(failure({ ...X_SECRETS, X_POLL_INTERVAL_SECONDS: 'soon' })).toMatch(/X_POLL_INTERVAL_SECONDS:/);
});
