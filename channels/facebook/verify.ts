// Meta webhook subscription handshake and X-Hub-Signature-256 (lowercase hex HMAC-SHA256 over the
// bytes exactly as received: Meta escapes non-ASCII as \uXXXX before signing).
import { checkSha256Header, safeEqual, type SignatureCheck } from '../shared/hmac';

export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

/** The challenge to echo, or null when the request is not a valid subscribe for our token. */
export function verifySubscription(query: Record<string, unknown>, verifyToken: string): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return null;
  return safeEqual(token, verifyToken) ? challenge : null;
}

export function checkMetaSignature(header: string | undefined, appSecret: string, rawBody: Buffer): SignatureCheck {
  return checkSha256Header(header, appSecret, rawBody, 'hex');
}
