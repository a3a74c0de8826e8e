// POST /auth/login, POST /auth/logout, GET /auth/me. Login answers with the session cookie and
// CSRF cookie (browser console) and the same token in the body (API clients use it as a bearer
// token). A wrong email, a wrong password and a disabled account all get the same 401.
import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../store/audit-repository';
import { clearSessionCookies, setSessionCookies } from './cookies';
import { requireAuthOf, type AuthGuard } from './guard';
import type { LoginLimiter } from './login-limiter';
import { hashPassword, verifyPassword } from './password';
import type { SessionRepository } from './session-repository';
import type { UserRepository } from './user-repository';
import { SotongError } from '../core/errors';
import { MIN_PASSWORD_LENGTH } from './user-routes';

export interface AuthRoutesDeps {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly limiter: LoginLimiter;
  readonly guard: AuthGuard;
  readonly audit: AuditLog;
  /** Session lifetime in ms (default 12 h). */
  readonly sessionTtlMs?: number;
  /** Injected so tests can use a cheap hash; scrypt by default. */
  readonly hash?: (password: string) => Promise<string>;
  readonly now?: () => Date;
}

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export const passwordBody = z
  .object({ current: z.string().min(1).max(1024), next: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024) })
  .strict();
export const loginBody = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) }).strict();

export function authRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  // Unknown emails are checked against this, so they take as long as real ones.
  let decoy: Promise<string> | undefined;

  router.post('/auth/login', async (req, res) => {
    const { email, password } = loginBody.parse(req.body);
    // Counted before the hash runs: concurrent guesses cannot all reach verifyPassword.
    const attempt = await deps.limiter.attempt(req.ip ?? 'unknown', email, now());
    const { lockout } = attempt;
    if (lockout.locked) {
      res.setHeader('Retry-After', String(lockout.retryAfterSeconds));
      throw new SotongError('SOTONG_ERR_RATE_LIMITED', { params: { retryAfter: lockout.retryAfterSeconds } });
    }
    const user = await deps.users.findForLogin(email);
    const ok = user
      ? await verifyPassword(password, user.passwordHash)
      : await verifyPassword(password, await (decoy ??= hashPassword('decoy password never matches')));
    if (!user || !ok || user.disabledAt) {
      throw new SotongError('SOTONG_ERR_UNAUTHORIZED', { details: { reason: 'wrong email or password' } });
    }
    await deps.limiter.succeed(attempt);
    const session = await deps.sessions.create(user.id, deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS, now());
    await deps.audit.record({ actor: user.id, action: 'auth.login', target: user.id });
    setSessionCookies(req, res, session.token, session.csrfToken, session.expiresAt);
    res.json({
      user: { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, mustChangePassword: user.mustChangePassword },
      token: session.token,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    });
  });

  router.post('/auth/logout', ...deps.guard.signedIn, async (req, res) => {
    const auth = requireAuthOf(res);
    await deps.sessions.revoke(auth.sessionId);
    clearSessionCookies(req, res);
    res.status(204).end();
  });

  // The user's own new password (required after an admin's reset). Other sessions end.
  router.post('/auth/password', ...deps.guard.signedIn, async (req, res) => {
    const { current, next } = passwordBody.parse(req.body);
    const auth = requireAuthOf(res);
    const user = await deps.users.findForLogin(auth.user.email);
    if (!user || !(await verifyPassword(current, user.passwordHash))) {
      throw new SotongError('SOTONG_ERR_VALIDATION', { params: { reason: 'the current password is wrong' } });
    }
    if (current === next) throw new SotongError('SOTONG_ERR_VALIDATION', { params: { reason: 'choose a password different from the current one' } });
    await deps.users.setPassword(user.id, await (deps.hash ?? hashPassword)(next), { temporary: false, keepSession: auth.sessionId });
    await deps.audit.record({ actor: user.id, action: 'auth.password_change', target: user.id });
    res.status(204).end();
  });

  router.get('/auth/me', ...deps.guard.signedIn, (_req, res) => {
    const auth = requireAuthOf(res);
    res.json({ user: auth.user, csrfToken: auth.csrfToken, expiresAt: auth.expiresAt.toISOString() });
  });

  return router;
}
