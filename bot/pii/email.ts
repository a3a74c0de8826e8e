// E-mail addresses. Lengths are bounded (RFC 5321: 64 local, 253 domain) so a 100 KB run of
// letters cannot make the scan quadratic.
import { findAll, type PiiDetector } from './finding';

const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])/g;

export const detectEmail: PiiDetector = (folded) => (folded.includes('@') ? findAll(folded, EMAIL, 'EMAIL') : []);
