// HMAC signatures over raw webhook bytes, compared in constant time so a forger learns nothing
// from how long a wrong guess takes.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256(secret: string, data: string | Buffer, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', secret).update(data).digest(encoding);
}

/** Constant-time string comparison; different lengths are unequal without a timing leak on content. */
export function safeEqual(actual: string, expected: string): boolean {
  const a = Buffer.from(actual, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // timingSafeEqual throws on unequal lengths; compare against itself to keep the work similar.
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/**
 * Checks a `sha256=<digest>` header against the HMAC of `rawBody`.
 * 'missing' and 'invalid' are kept apart so routes can answer 401 and 403 respectively.
 */
export function checkSha256Header(header: string | undefined, secret: string, rawBody: Buffer, encoding: 'hex' | 'base64'): SignatureCheck {
  if (!header) return 'missing';
  const expected = `sha256=${hmacSha256(secret, rawBody, encoding)}`;
  // Meta sends lowercase hex; accept an uppercase scheme or digest from proxies that normalise.
  const actual = encoding === 'hex' ? header.trim().toLowerCase() : header.trim();
  return safeEqual(actual, expected) ? 'valid' : 'invalid';
}
