// Behind a reverse proxy (TRUST_PROXY=1, the client address in X-Forwarded-For): every citizen has
// a rate-limit bucket of their own, an agent cannot be locked out by failures from another
// address, one address cannot spray a password over many accounts, and a burst of concurrent
// guesses is counted before the password hash runs.
import { loadConfig } from '../../server/config';
import { describeEachDatabaseKind } from '../support/backends';
import { call, PASSWORD, startAgentApp, tableModel, STARTUP_TIMEOUT_MS, type AgentApp } from './agent-app';

describeEachDatabaseKind('limits behind a proxy (TRUST_PROXY=1)', (kind) => {
  let app: AgentApp;
  beforeAll(async () => {
    app = await startAgentApp(kind, {
      ...tableModel(),
      env: {
        TRUST_PROXY: '1',
        WEB_CHAT_RATE_LIMIT: '2',
        LOGIN_MAX_FAILURES: '5',
        LOGIN_WINDOW_MINUTES: '1',
        LOGIN_MAX_FAILURES_PER_IP: '20',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '25',
      },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => app?.close());

  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const citizenPost = (ip: string) => call(app.url, 'POST', '/api/v1/messages', { body: { text: '안녕하세요' }, headers: from(ip) });
  const login = (ip: string, email: string, password: string) => call(app.url, 'POST', '/api/v1/auth/login', { body: { email, password }, headers: from(ip) });

  test('two citizens behind the same proxy get separate web-chat buckets', async () => {
    expect((await citizenPost('203.0.113.1')).status).toBe(201);
    expect((await citizenPost('203.0.113.1')).status).toBe(201);
    expect((await citizenPost('203.0.113.1')).status).toBe(429);
    expect((await citizenPost('203.0.113.2')).status).toBe(201);
    expect((await citizenPost('203.0.113.2')).status).toBe(201);
  });

  test('failures from one address cannot lock an agent out from another', async () => {
    const agent = await app.user(['agent']);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login('198.51.100.66', agent.email, `wrong ${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    // The attacker's address stays locked even with the right password…
    expect((await login('198.51.100.66', agent.email, PASSWORD)).status).toBe(429);
    // …and the agent signs in from their own.
    expect((await login('198.51.100.7', agent.email, PASSWORD)).status).toBe(200);
  });

  test('one address spraying one password over many accounts is stopped at the per-address limit', async () => {
    const accounts = await Promise.all(Array.from({ length: 12 }, () => app.user(['agent'])));
    const statuses: number[] = [];
    for (const round of [1, 2]) for (const a of accounts) statuses.push((await login('192.0.2.50', a.email, `Spring2027! ${round}`)).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429]);
    // The accounts themselves are fine from elsewhere.
    expect((await login('192.0.2.51', accounts[0]!.email, PASSWORD)).status).toBe(200);
  });

  test('60 concurrent wrong passwords: at most 5 reach the password check, the rest are 429', async () => {
    const agent = await app.user(['agent']);
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => login('198.51.100.99', agent.email, `burst ${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(55);
  });
});

test('TRUST_PROXY takes a hop count or a list of addresses / subnets, and names a bad value', () => {
  expect(loadConfig({}).trustProxy).toBe(false);
  expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback, 2001:db8::1' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback', '2001:db8::1']);
  expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY: "everyone" is not a hop count/);
  expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/40' })).toThrow(/TRUST_PROXY/);
});
