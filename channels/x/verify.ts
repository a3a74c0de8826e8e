// X Account Activity API handshake (CRC) and POST signature. Both are base64 HMAC-SHA256 keyed
// with the app's consumer secret (Meta uses hex).
import { checkSha256Header, hmacSha256, type SignatureCheck } from '../shared/hmac';

export const X_SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

/** Body of the CRC answer: `{"response_token":"sha256=<base64>"}`. */
export function crcResponse(consumerSecret: string, crcToken: string): { response_token: string } {
  return { response_token: `sha256=${hmacSha256(consumerSecret, crcToken, 'base64')}` };
}

export function checkXSignature(header: string | undefined, consumerSecret: string, rawBody: Buffer): SignatureCheck {
  return checkSha256Header(header, consumerSecret, rawBody, 'base64');
}
