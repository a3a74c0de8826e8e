// Sign-in, sessions, CSRF, roles and the login rate limit over HTTP against the real app, on
// PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { describeEachDatabaseKind } from '../support/backends';
import { call, PASSWORD, signIn, startAgentApp, tableModel, STARTUP_TIMEOUT_MS, type AgentApp } from './agent-app';

describeEachDatabaseKind('console auth over HTTP', (kind) => {
  let app: AgentApp;
  beforeAll(async () => {
    app = await startAgentApp(kind, { ...tableModel(), env: { LOGIN_MAX_FAILURES: '5', LOGIN_WINDOW_MINUTES: '1' } });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => app?.close());

  /** A waiting ticket, opened the way a citizen opens one. */
  async function waitingTicket(): Promise<string> {
    const user = `citizen-${randomUUID()}`;
    const posted = await call(app.url, 'POST', '/api/v1/messages', { body: { userId: user, clientMessageId: `c-${user}`, text: '상담원 연결해 주세요' } });
    expect(posted.status).toBe(201);
    const ticket = await app.handoff.deps.tickets.latestForConversation(posted.body.conversationId);
    return ticket!.id;
  }

  test('login sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie, and returns a bearer token', async () => {
    const agent = await app.user(['agent']);
    const login = await call(app.url, 'POST', '/api/v1/auth/login', { body: { email: agent.email.toUpperCase(), password: PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      user: { id: agent.id, email: agent.email, roles: ['agent'] },
      token: expect.any(String),
      csrfToken: expect.any(String),
    });
    const cookies = login.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('sotong_session='))!;
    const csrf = cookies.find((c) => c.startsWith('sotong_csrf='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toContain(login.body.csrfToken);
    // Only the hash of the token is stored.
    const rows = await app.database.db.selectFrom('sessions').select('token_hash').where('user_id', '=', agent.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(login.body.token);
  });

  test('/auth/me answers with a cookie and with a bearer token; logout ends the session', async () => {
    const agent = await app.user(['agent']);
    const s = await signIn(app.url, agent.email);
    expect((await s.browser('GET', '/api/v1/auth/me', undefined, null)).body.user.id).toBe(agent.id);
    expect((await s.bearer('GET', '/api/v1/auth/me')).body.user.id).toBe(agent.id);
    expect((await s.browser('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await s.bearer('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  test('a wrong password and an unknown email get the same 401', async () => {
    const agent = await app.user(['agent']);
    const wrong = await call(app.url, 'POST', '/api/v1/auth/login', { body: { email: agent.email, password: 'not the password' } });
    const unknown = await call(app.url, 'POST', '/api/v1/auth/login', { body: { email: `nobody-${Date.now()}@test.local`, password: PASSWORD } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  test.each([
    ['GET', '/api/v1/handoffs'],
    ['GET', '/api/v1/users'],
    ['POST', '/api/v1/users'],
    ['GET', '/api/v1/metrics/handoffs'],
    ['GET', '/api/v1/auth/me'],
    ['GET', '/api/v1/events'],
  ])('unauthenticated %s %s → 401', async (method, path) => {
    const response = await call(app.url, method, path, method === 'POST' ? { body: {} } : {});
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('SOTONG_ERR_UNAUTHORIZED');
  });

  test('a malformed or unknown bearer token → 401', async () => {
    for (const authorization of ['Bearer nope', `Bearer ${'x'.repeat(43)}`, 'Basic abc']) {
      expect((await call(app.url, 'GET', '/api/v1/handoffs', { headers: { authorization } })).status).toBe(401);
    }
  });

  test('an agent cannot call admin or trainer routes; a trainer cannot call agent routes; an admin can call all', async () => {
    const [agent, trainer, admin] = await Promise.all([app.user(['agent']), app.user(['trainer']), app.user(['admin'])]);
    const [a, t, ad] = await Promise.all([signIn(app.url, agent.email), signIn(app.url, trainer.email), signIn(app.url, admin.email)]);
    expect((await a.browser('GET', '/api/v1/users')).status).toBe(403);
    expect((await a.browser('POST', '/api/v1/users', { email: 'x@test.local', password: PASSWORD, role: 'admin' })).status).toBe(403);
    expect((await a.browser('POST', `/api/v1/users/${agent.id}/disable`)).status).toBe(403);
    expect((await a.browser('GET', '/api/v1/metrics/handoffs')).status).toBe(403);
    expect((await t.browser('GET', '/api/v1/handoffs')).status).toBe(403);
    expect((await t.browser('GET', '/api/v1/metrics/handoffs')).status).toBe(200);
    expect((await ad.browser('GET', '/api/v1/handoffs')).status).toBe(200);
    expect((await ad.browser('GET', '/api/v1/users')).status).toBe(200);
    expect((await a.browser('GET', '/api/v1/handoffs')).status).toBe(200);
  });

  test('a cookie request that changes state needs the session’s CSRF token; a bearer request does not', async () => {
    const [agent, other] = await Promise.all([app.user(['agent']), app.user(['agent'])]);
    const s = await signIn(app.url, agent.email);
    const o = await signIn(app.url, other.email);
    const ticket = await waitingTicket();
    const missing = await s.browser('POST', `/api/v1/handoffs/${ticket}/claim`, undefined, null);
    const forged = await s.browser('POST', `/api/v1/handoffs/${ticket}/claim`, undefined, 'forged-token-forged-token-forged-token-00');
    const borrowed = await s.browser('POST', `/api/v1/handoffs/${ticket}/claim`, undefined, o.csrfToken);
    for (const response of [missing, forged, borrowed]) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('SOTONG_ERR_FORBIDDEN');
    }
    expect((await app.handoff.service.get(ticket)).status).toBe('waiting');
    expect((await s.browser('POST', `/api/v1/handoffs/${ticket}/claim`)).status).toBe(200);
    const second = await waitingTicket();
    expect((await o.bearer('POST', `/api/v1/handoffs/${second}/claim`)).status).toBe(200);
  });

  test('5 failed logins per IP and email within the window → 429 with Retry-After, even with the right password', async () => {
    const agent = await app.user(['agent']);
    const bystander = await app.user(['agent']);
    for (let i = 0; i < 5; i++) {
      expect((await call(app.url, 'POST', '/api/v1/auth/login', { body: { email: agent.email, password: `wrong ${i}` } })).status).toBe(401);
    }
    const locked = await call(app.url, 'POST', '/api/v1/auth/login', { body: { email: agent.email, password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('SOTONG_ERR_RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Another account from the same address is not locked out.
    expect((await call(app.url, 'POST', '/api/v1/auth/login', { body: { email: bystander.email, password: PASSWORD } })).status).toBe(200);
  });

  test('an admin creates a user who can sign in, lists users, and disables one (ending their sessions)', async () => {
    const admin = await app.user(['admin']);
    const a = await signIn(app.url, admin.email);
    const email = `new-agent-${Date.now()}@test.local`;
    const created = await a.browser('POST', '/api/v1/users', { email, password: PASSWORD, role: 'agent' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email, roles: ['agent'], disabled: false });
    expect((await a.browser('POST', '/api/v1/users', { email, password: PASSWORD, role: 'agent' })).status).toBe(409);
    expect((await a.browser('POST', '/api/v1/users', { email: 'short@test.local', password: 'short', role: 'agent' })).status).toBe(400);

    const newcomer = await signIn(app.url, email);
    expect((await newcomer.bearer('GET', '/api/v1/handoffs')).status).toBe(200);
    const list = await a.bearer('GET', '/api/v1/users');
    expect(list.body.users.map((u: { email: string }) => u.email)).toContain(email);
    expect(JSON.stringify(list.body)).not.toMatch(/password|scrypt/);

    const disabled = await a.browser('POST', `/api/v1/users/${created.body.user.id}/disable`);
    expect(disabled.body.user.disabled).toBe(true);
    expect((await newcomer.bearer('GET', '/api/v1/handoffs')).status).toBe(401);
    expect((await call(app.url, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(401);
    const audit = await app.database.db.selectFrom('audit_log').select('action').where('target', '=', created.body.user.id).orderBy('id').execute();
    expect(audit.map((r) => r.action)).toEqual(['user.create', 'auth.login', 'user.disable']);
  });
});
