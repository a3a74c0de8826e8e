// Session and CSRF tokens. The session token is the credential (cookie or bearer), so only its
// SHA-256 is stored: a leaked sessions table logs nobody in. 256 random bits make a fast hash
// safe here (nothing to brute-force, unlike a password).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time string comparison (length may leak; the tokens have a fixed length anyway). */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
