// Staff administration over HTTP, on PGlite and PostgreSQL: an admin creates `agent2@localhost`,
// edits roles and department queues, deactivates and reactivates, and resets a password to a
// temporary one that must be changed before anything else works. Every change is audited; the
// last active admin cannot be removed.
import { describeEachDatabaseKind } from '../support/backends';
import { agentAppForSuite, call, PASSWORD, signIn } from './agent-app';

describeEachDatabaseKind('staff administration over HTTP', (kind) => {
  const app = agentAppForSuite(kind);

  const audited = async (target: string) => (await app().handoff.deps.audit.forTarget(target)).map((r) => r.action);

  test('create (localhost email), edit, deactivate and reactivate, each audited', async () => {
    const admin = await signIn(app().url, (await app().user(['admin'])).email);
    const email = `agent2-${Date.now()}@localhost`;
    const created = await admin.browser('POST', '/api/v1/users', { email, password: PASSWORD, role: 'agent', displayName: 'Agent Two' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email, roles: ['agent'], mustChangePassword: false });
    expect(created.body.temporaryPassword).toBeUndefined();
    for (const bad of ['no-at-sign', 'two@@localhost', 'space in@localhost', 'dot@.localhost']) {
      expect({ bad, status: (await admin.browser('POST', '/api/v1/users', { email: bad, password: PASSWORD, role: 'agent' })).status }).toEqual({
        bad,
        status: 400,
      });
    }
    const id = created.body.user.id as string;

    const edited = await admin.browser('PATCH', `/api/v1/users/${id}`, { roles: ['agent', 'trainer'], queues: ['documents'], displayName: 'Kim' });
    expect(edited.body.user).toMatchObject({ roles: ['agent', 'trainer'], queues: ['documents'], displayName: 'Kim' });
    expect((await admin.browser('PATCH', `/api/v1/users/${id}`, { roles: ['boss'] })).status).toBe(400);

    const agent = await signIn(app().url, email);
    expect((await agent.bearer('GET', '/api/v1/handoffs')).status).toBe(200);
    expect((await admin.browser('POST', `/api/v1/users/${id}/disable`)).body.user.disabled).toBe(true);
    expect((await agent.bearer('GET', '/api/v1/handoffs')).status).toBe(401);
    expect((await call(app().url, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(401);
    expect((await admin.browser('POST', `/api/v1/users/${id}/enable`)).body.user.disabled).toBe(false);
    expect((await call(app().url, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(200);
    expect(await audited(id)).toEqual(expect.arrayContaining(['user.create', 'user.update', 'user.disable', 'user.enable']));

    // Agents may not administer.
    expect((await agent.browser('POST', `/api/v1/users/${id}/reset-password`)).status).toBe(401);
    const again = await signIn(app().url, email);
    expect((await again.browser('POST', `/api/v1/users/${id}/reset-password`)).status).toBe(403);
  });

  test('a reset password is temporary: nothing works until the user picks their own; the old one fails', async () => {
    const admin = await signIn(app().url, (await app().user(['admin'])).email);
    const user = await app().user(['agent']);
    const before = await signIn(app().url, user.email);
    const reset = await admin.browser('POST', `/api/v1/users/${user.id}/reset-password`);
    expect(reset.status).toBe(200);
    const temporary = reset.body.temporaryPassword as string;
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    expect(reset.body.user.mustChangePassword).toBe(true);
    // Their sessions ended, and the old password no longer signs in.
    expect((await before.bearer('GET', '/api/v1/handoffs')).status).toBe(401);
    expect((await call(app().url, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: PASSWORD } })).status).toBe(401);

    const temp = await signIn(app().url, user.email, temporary);
    expect((await temp.bearer('GET', '/api/v1/auth/me')).body.user.mustChangePassword).toBe(true);
    const blocked = await temp.bearer('GET', '/api/v1/handoffs');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.details.reason).toMatch(/temporary password/);
    expect((await temp.browser('POST', '/api/v1/auth/password', { current: 'wrong one entirely', next: 'my own new password 1' })).status).toBe(400);
    expect((await temp.browser('POST', '/api/v1/auth/password', { current: temporary, next: 'short' })).status).toBe(400);
    expect((await temp.browser('POST', '/api/v1/auth/password', { current: temporary, next: 'my own new password 1' })).status).toBe(204);
    expect((await temp.bearer('GET', '/api/v1/handoffs')).status).toBe(200);
    expect((await call(app().url, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: temporary } })).status).toBe(401);
    expect((await call(app().url, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: 'my own new password 1' } })).status).toBe(200);
    expect(await audited(user.id)).toEqual(expect.arrayContaining(['user.reset_password', 'auth.password_change']));

    // Created without a password: a generated temporary one, answered once.
    const bare = await admin.browser('POST', '/api/v1/users', { email: `bare-${Date.now()}@localhost`, role: 'agent' });
    expect(bare.status).toBe(201);
    expect(bare.body).toMatchObject({ user: { mustChangePassword: true }, temporaryPassword: expect.any(String) });
  });

  test('the last active admin can neither be deactivated nor lose the admin role', async () => {
    const admin = await signIn(app().url, (await app().user(['admin'])).email);
    const users = (await admin.bearer('GET', '/api/v1/users')).body.users as { id: string; roles: string[]; disabled: boolean }[];
    const admins = users.filter((u) => u.roles.includes('admin') && !u.disabled);
    // Deactivate every admin but the one signed in; that last one refuses.
    const me = (await admin.bearer('GET', '/api/v1/auth/me')).body.user.id as string;
    const keep = admins.find((u) => u.id === me)!;
    for (const other of admins.filter((u) => u.id !== keep.id)) {
      expect((await admin.browser('POST', `/api/v1/users/${other.id}/disable`)).status).toBe(200);
    }
    const refused = await admin.browser('POST', `/api/v1/users/${keep.id}/disable`);
    expect(refused.status).toBe(409);
    expect((await admin.browser('PATCH', `/api/v1/users/${keep.id}`, { roles: ['agent'] })).status).toBe(409);
    for (const other of admins.filter((u) => u.id !== keep.id)) await admin.browser('POST', `/api/v1/users/${other.id}/enable`);
  });
});
