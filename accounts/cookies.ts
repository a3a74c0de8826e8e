// The two console cookies. The session cookie is httpOnly (scripts cannot read it) and
// SameSite=Strict (other sites cannot make the browser send it). The CSRF cookie is readable by
// the console's script, which echoes it in the x-csrf-token header (double submit); the server
// also checks it against the session row, so a cookie planted by a sibling domain is useless.
import type { CookieOptions, Request, Response } from 'express';

export const SESSION_COOKIE = 'sotong_session';
export const CSRF_COOKIE = 'sotong_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Cookies from the Cookie header; malformed pairs are skipped, never thrown. */
export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      // A bad escape in someone else's cookie must not break our login.
    }
  }
  return out;
}

function base(req: Request, expires: Date): CookieOptions {
  return { path: '/', sameSite: 'strict', secure: req.secure, expires };
}

export function setSessionCookies(req: Request, res: Response, token: string, csrfToken: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, token, { ...base(req, expires), httpOnly: true });
  res.cookie(CSRF_COOKIE, csrfToken, { ...base(req, expires), httpOnly: false });
}

export function clearSessionCookies(req: Request, res: Response): void {
  const past = new Date(0);
  res.cookie(SESSION_COOKIE, '', { ...base(req, past), httpOnly: true });
  res.cookie(CSRF_COOKIE, '', { ...base(req, past), httpOnly: false });
}
