// A public post (X mention, Facebook comment) that shows personal data should not be answered in
// public: the reply asks the citizen to delete it and write to us by DM instead.
import { hasPii } from './detect';

// Text already redacted by the store still tells us the citizen posted personal data.
const REDACTION_TAG = /\[(?:RRN|PHONE|CARD|ACCOUNT|PASSPORT|EMAIL)\]/;

/** True when the text carries a redaction tag such as `[RRN]`. */
export function hasRedactionTag(text: string): boolean {
  return REDACTION_TAG.test(text);
}

export interface PostForPiiCheck {
  readonly text: string;
  /** A public mention or comment (true) or a DM / chat (false). */
  readonly isPublic: boolean;
}

/** True when a public post carries personal data (raw or already redacted). */
export function publicPostNeedsDm(post: PostForPiiCheck): boolean {
  return post.isPublic && (hasRedactionTag(post.text) || hasPii(post.text));
}
