// A fake Kakao callback endpoint (channels.md §3.3): issues one-time callback URLs
// http://127.0.0.1:<p>/v1/bots/<botId>/callback/<token>, accepts one SkillResponse per token
// within its lifetime, and rejects reuse and late use.
import { randomBytes } from 'node:crypto';
import { FakePlatform, type FakeResponse, type RecordedRequest } from './http-fake';

interface Token {
  readonly expiresAt: number;
  used: boolean;
}

export class FakeKakaoCallback extends FakePlatform {
  /** SkillResponses accepted, in order. */
  readonly delivered: { token: string; body: any }[] = [];
  private readonly tokens = new Map<string, Token>();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  issue(botId = '64ab12', ttlMs = 60_000): string {
    // Starts with a letter so the route key of its path stays the literal path.
    const token = `t${randomBytes(12).toString('base64url')}`;
    this.tokens.set(token, { expiresAt: this.now() + ttlMs, used: false });
    return `${this.server.url}/v1/bots/${botId}/callback/${token}`;
  }

  private fail(status: number, message: string): FakeResponse {
    return { status, body: { taskId: randomBytes(8).toString('hex'), status: 'FAIL', message, timestamp: this.now() } };
  }

  protected handle(req: RecordedRequest): FakeResponse {
    const m = /^\/v1\/bots\/[^/]+\/callback\/([^/]+)$/.exec(req.path);
    if (req.method !== 'POST' || !m) return this.fail(404, 'not found');
    const token = this.tokens.get(m[1]!);
    if (!token) return this.fail(400, 'invalid callback token');
    if (token.used) return this.fail(400, 'callback token already used');
    if (this.now() > token.expiresAt) return this.fail(400, 'callback token expired');
    if (req.body?.version !== '2.0' || !Array.isArray(req.body?.template?.outputs)) return this.fail(400, 'invalid SkillResponse');
    token.used = true;
    this.delivered.push({ token: m[1]!, body: req.body });
    return { status: 200, body: { taskId: randomBytes(8).toString('hex'), status: 'SUCCESS', message: '', timestamp: this.now() } };
  }
}
