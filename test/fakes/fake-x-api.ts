// A fake X API v2 speaking the real wire format (channels.md §1.2): POST /2/tweets,
// POST /2/dm_conversations/with/:id/messages, GET /2/users/:id/mentions, with x-rate-limit-*
// headers on every answer, the v2 429 body, and X's duplicate-text 403.
import { FakePlatform, type FakeResponse, type RecordedRequest } from './http-fake';

export interface FakeMention {
  readonly id: string;
  readonly text: string;
  readonly author_id: string;
  readonly created_at: string;
}

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly name: string;
}

/** Independent of channels/x: Hangul and other non-Latin weigh 2, URLs 23. */
function weight(text: string): number {
  const noUrls = text.replace(/https?:\/\/\S+/g, '');
  const urls = (text.match(/https?:\/\/\S+/g) ?? []).length;
  return Array.from(noUrls).reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) <= 4351 ? 1 : 2), 0) + urls * 23;
}

export class FakeXApi extends FakePlatform {
  readonly tweets: { id: string; text: string; inReplyTo: string }[] = [];
  readonly dms: { participantId: string; text: string; eventId: string }[] = [];
  readonly mentions: FakeMention[] = [];
  readonly users: FakeUser[] = [];
  resetEpochSeconds = Math.floor(Date.now() / 1000) + 900;
  private remaining = 100;
  private nextId = 1_900_000_000_000_000_000n;

  rateLimitHeaders(remaining = this.remaining): Record<string, string> {
    return {
      'x-rate-limit-limit': '100',
      'x-rate-limit-remaining': String(remaining),
      'x-rate-limit-reset': String(this.resetEpochSeconds),
    };
  }

  /** The v2 429 exactly as X sends it. */
  tooManyRequests(): FakeResponse {
    return {
      status: 429,
      headers: this.rateLimitHeaders(0),
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    };
  }

  serverError(status = 503): FakeResponse {
    return { status, headers: this.rateLimitHeaders(), body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status } };
  }

  private id(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  private ok(status: number, body: unknown): FakeResponse {
    this.remaining = Math.max(0, this.remaining - 1);
    return { status, headers: this.rateLimitHeaders(), body };
  }

  protected handle(req: RecordedRequest): FakeResponse {
    if (!String(req.headers.authorization ?? '').startsWith('OAuth ')) {
      return { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
    }
    if (req.method === 'POST' && req.path === '/2/tweets') return this.postTweet(req);
    const dm = /^\/2\/dm_conversations\/with\/(\d+)\/messages$/.exec(req.path);
    if (req.method === 'POST' && dm) return this.postDm(dm[1]!, req);
    const mentions = /^\/2\/users\/(\d+)\/mentions$/.exec(req.path);
    if (req.method === 'GET' && mentions) return this.getMentions(req);
    return { status: 404, body: { title: 'Not Found Error', type: 'about:blank', status: 404, detail: req.path } };
  }

  private postTweet(req: RecordedRequest): FakeResponse {
    const text = req.body?.text;
    const inReplyTo = req.body?.reply?.in_reply_to_tweet_id;
    if (typeof text !== 'string' || typeof inReplyTo !== 'string') {
      return {
        status: 400,
        body: {
          errors: [{ message: 'text and reply.in_reply_to_tweet_id are required' }],
          title: 'Invalid Request',
          type: 'https://api.twitter.com/2/problems/invalid-request',
          detail: 'One or more parameters to your request was invalid.',
        },
      };
    }
    if (weight(text) > 280) {
      return {
        status: 403,
        headers: this.rateLimitHeaders(),
        body: { detail: 'You are not permitted to perform this action.', type: 'about:blank', title: 'Forbidden', status: 403 },
      };
    }
    if (this.tweets.some((t) => t.text === text)) {
      return {
        status: 403,
        headers: this.rateLimitHeaders(),
        body: { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 },
      };
    }
    const id = this.id();
    this.tweets.push({ id, text, inReplyTo });
    return this.ok(201, { data: { id, text, edit_history_tweet_ids: [id] } });
  }

  private postDm(participantId: string, req: RecordedRequest): FakeResponse {
    const text = req.body?.text;
    if (typeof text !== 'string' || text.length === 0) {
      return { status: 400, body: { title: 'Invalid Request', type: 'about:blank', status: 400, detail: 'text is required' } };
    }
    const eventId = this.id();
    this.dms.push({ participantId, text, eventId });
    return this.ok(201, { data: { dm_conversation_id: `1500000000000000001-${participantId}`, dm_event_id: eventId } });
  }

  private getMentions(req: RecordedRequest): FakeResponse {
    const sinceId = req.query.get('since_id');
    const max = Number(req.query.get('max_results') ?? 10);
    const offset = Number(req.query.get('pagination_token') ?? 0);
    const newer = this.mentions.filter((m) => !sinceId || BigInt(m.id) > BigInt(sinceId)).sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const page = newer.slice(offset, offset + max);
    if (page.length === 0) return this.ok(200, { meta: { result_count: 0 } });
    const next = offset + max < newer.length ? String(offset + max) : undefined;
    const authors = new Set(page.map((m) => m.author_id));
    return this.ok(200, {
      data: page,
      includes: { users: this.users.filter((u) => authors.has(u.id)) },
      meta: {
        result_count: page.length,
        newest_id: page[0]!.id,
        oldest_id: page.at(-1)!.id,
        ...(next ? { next_token: next } : {}),
      },
    });
  }
}
