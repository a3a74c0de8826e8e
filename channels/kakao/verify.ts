// Kakao skill calls carry no signature (channels.md §3.1): we configure a secret header on the
// skill in Open Builder and compare it in constant time, and optionally pin the bot id.
import { safeEqual, type SignatureCheck } from '../shared/hmac';

export const KAKAO_SECRET_HEADER = 'x-sotong-skill-secret';

export function checkSkillSecret(header: string | undefined, secret: string): SignatureCheck {
  if (!header) return 'missing';
  return safeEqual(header, secret) ? 'valid' : 'invalid';
}
