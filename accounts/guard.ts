// Route guards: who is calling (session cookie or bearer token), whether a cookie request that
// changes state carries the CSRF token, and whether the caller holds one of the route's roles.
// Order of answers: no or bad credentials → 401; forged or missing CSRF → 403; wrong role → 403.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SotongError } from '../core/errors';
import { CSRF_HEADER, readCookies, SESSION_COOKIE } from './cookies';
import { hasAnyRole, type Role } from './roles';
import type { ActiveSession, SessionLookup } from './session-repository';
import { sameToken } from './tokens';

export interface Authenticated extends ActiveSession {
  /** Cookie sessions need CSRF protection; bearer tokens cannot be sent by another site. */
  readonly via: 'cookie' | 'bearer';
  /** The raw credential, so logout can end exactly this session. */
  readonly token: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Seen-at is written at most this often per user and process. */
const TOUCH_EVERY_MS = 30_000;

/** The caller, once a guard has run; undefined on unguarded routes. */
export function authOf(res: Response): Authenticated | undefined {
  return res.locals.auth as Authenticated | undefined;
}

/** The caller on a guarded route (throws 401 if a route forgot its guard). */
export function requireAuthOf(res: Response): Authenticated {
  const auth = authOf(res);
  if (!auth) throw new SotongError('SOTONG_ERR_UNAUTHORIZED');
  return auth;
}

function credentialOf(req: Request): { token: string; via: 'cookie' | 'bearer' } | 'malformed' | undefined {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/.exec(header);
    return match ? { token: match[1]!, via: 'bearer' } : 'malformed';
  }
  const cookie = readCookies(req)[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

export interface AuthGuard {
  /** Any signed-in user (e.g. GET /auth/me, logout). */
  readonly signedIn: readonly RequestHandler[];
  /** Signed in with one of `roles` (admin always passes). */
  role(...roles: Role[]): readonly RequestHandler[];
}

export function createAuthGuard(sessions: SessionLookup, now: () => Date = () => new Date()): AuthGuard {
  const lastTouch = new Map<string, number>();

  const authenticate: RequestHandler = async (req, res, next) => {
    const credential = credentialOf(req);
    if (credential === undefined || credential === 'malformed') throw new SotongError('SOTONG_ERR_UNAUTHORIZED');
    const at = now();
    const session = await sessions.findActive(credential.token, at);
    if (!session) throw new SotongError('SOTONG_ERR_UNAUTHORIZED');
    res.locals.auth = { ...session, via: credential.via, token: credential.token } satisfies Authenticated;
    const last = lastTouch.get(session.user.id) ?? 0;
    if (at.getTime() - last >= TOUCH_EVERY_MS) {
      lastTouch.set(session.user.id, at.getTime());
      if (lastTouch.size > 10_000) lastTouch.clear();
      await sessions.touchUser(session.user.id, at);
    }
    next();
  };

  const csrf: RequestHandler = (req, res, next) => {
    const auth = requireAuthOf(res);
    if (auth.via === 'cookie' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, auth.csrfToken)) {
        throw new SotongError('SOTONG_ERR_FORBIDDEN', { details: { reason: 'missing or wrong x-csrf-token header' } });
      }
    }
    next();
  };

  const roleCheck =
    (roles: readonly Role[]): RequestHandler =>
    (_req: Request, res: Response, next: NextFunction) => {
      const { user } = requireAuthOf(res);
      if (user.mustChangePassword) {
        throw new SotongError('SOTONG_ERR_FORBIDDEN', { details: { reason: 'change the temporary password first (POST /api/v1/auth/password)' } });
      }
      if (!hasAnyRole(user.roles, roles)) {
        throw new SotongError('SOTONG_ERR_FORBIDDEN', { details: { requiredRoles: roles } });
      }
      next();
    };

  return {
    signedIn: [authenticate, csrf],
    role: (...roles) => [authenticate, csrf, roleCheck(roles)],
  };
}
