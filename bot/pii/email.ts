// E-mail addresses, internationalised ones included (RFC 6531: 김민수@회사.한국): letters and
// digits of any script in the local part and the domain labels. Lengths are bounded (RFC 5321:
// 64 local, 63 a label, 253 domain) so a 100 KB run of letters cannot make the scan quadratic.
import { findAll, type PiiDetector } from './finding';

const LOCAL = "[\\p{L}\\p{M}\\p{N}.!#$%&'*+/=?^_`{|}~-]{1,64}";
const LABEL = '[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?';
// An ASCII top-level domain ends at the first non-ASCII letter ("help@gov.kr로" keeps 로); a
// Hangul or other-script one (.한국) cannot be told from a following particle, so .한국 is named.
const TLD = '(?:[A-Za-z]{2,24}(?![A-Za-z0-9-])|xn--[a-z0-9-]{1,59}(?![a-z0-9-])|한국|\\p{L}{2,24}(?![\\p{L}\\p{M}\\p{N}-]))';
const EMAIL = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}.%+_-])${LOCAL}@${LABEL}(?:\\.${LABEL}){0,8}\\.${TLD}`, 'gu');

export const detectEmail: PiiDetector = (folded) => (folded.includes('@') ? findAll(folded, EMAIL, 'EMAIL') : []);
