// Who may read a web-chat conversation: whoever holds its access token. The token is an HMAC of
// the conversation id under the server secret, issued in the answer to the citizen's POST, so one
// citizen cannot read another's thread by guessing or seeing a conversation id. Stateless: any
// API process with the same secret can check it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface AccessTokens {
  issue(conversationId: string): string;
  verify(conversationId: string, token: string): boolean;
}

// Versioned so the token format can change without accepting old tokens by accident.
const PURPOSE = 'sotong:web-chat:conversation:v1:';

export function createAccessTokens(secret: string): AccessTokens {
  if (secret.length < 32) throw new Error('web chat: the access-token secret must be at least 32 characters');
  const issue = (conversationId: string) =>
    createHmac('sha256', secret)
      .update(PURPOSE + conversationId)
      .digest('base64url');
  return {
    issue,
    verify(conversationId, token) {
      const expected = Buffer.from(issue(conversationId));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
