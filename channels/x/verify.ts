// X Account Activity API handshake (CRC) and POST signature. Both are base64 HMAC-SHA256 keyed
// with the app's consumer secret (Meta uses hex).
import { checkSha256Header, hmacSha256, type SignatureCheck } from '../shared/hmac';

export const X_SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

// The CRC answer is an HMAC of the token under the same key that signs POST bodies, so answering
// any string would make the endpoint a signing oracle: send a JSON body as the token, and the
// answer is a valid POST signature for it. X's tokens are short base64-style strings; we answer
// only those, and that alphabet has no '{', '[', '"' or space, so no JSON object can pass.
export const CRC_TOKEN = /^[A-Za-z0-9+/=_.-]{1,128}$/;

/** Whether `token` looks like a crc_token X sends (and so can never be a webhook body). */
export function isCrcToken(token: unknown): token is string {
  return typeof token === 'string' && CRC_TOKEN.test(token);
}

/** Body of the CRC answer: `{"response_token":"sha256=<base64>"}`. */
export function crcResponse(consumerSecret: string, crcToken: string): { response_token: string } {
  if (!isCrcToken(crcToken)) throw new Error('X CRC: refusing to sign a token that is not a crc_token');
  return { response_token: `sha256=${hmacSha256(consumerSecret, crcToken, 'base64')}` };
}

export function checkXSignature(header: string | undefined, consumerSecret: string, rawBody: Buffer): SignatureCheck {
  return checkSha256Header(header, consumerSecret, rawBody, 'base64');
}
