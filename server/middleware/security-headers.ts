// Security headers on every response (no helmet installed; we need only these). The CSP allows
// only our own scripts, styles and connections: the chat page has no inline script or style.
import type { RequestHandler } from 'express';

export const CONTENT_SECURITY_POLICY = ["default-src 'self'", "base-uri 'none'", "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'"].join(
  '; ',
);

// API and webhook answers carry access tokens, session tokens and citizen text: no cache (browser,
// proxy or CDN) may keep a copy.
const NO_STORE_PATHS = /^\/(?:api|webhooks)(?:\/|$)/;
export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    // Over https (directly, or per a trusted proxy's X-Forwarded-Proto): browsers stay on https.
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    if (NO_STORE_PATHS.test(req.path)) res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    next();
  };
}
