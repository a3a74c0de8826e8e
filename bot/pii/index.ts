// PII detection and redaction: the only way citizen text reaches the store or the logs.
export { detectPii, hasPii } from './detect';
export { redactPii, redactForLog } from './redact';
export { hasRedactionTag, publicPostNeedsDm, type PostForPiiCheck } from './public-post';
export { foldWidth } from './fold-width';
export { luhnValid } from './card';
