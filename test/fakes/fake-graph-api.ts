// A fake Graph API (channels.md §2.5): POST /{version}/me/messages (Send API and private replies)
// and POST /{version}/{comment-id}/comments, checking the Page token and answering Graph error
// bodies: 190 bad token, 100 text too long, 10900 second private reply.
import { FakePlatform, type FakeResponse, type RecordedRequest } from './http-fake';

export function graphError(status: number, code: number, message: string, subcode?: number): FakeResponse {
  return {
    status,
    body: { error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AbCdEfGh123' } },
  };
}

export class FakeGraphApi extends FakePlatform {
  readonly sent: { recipient: { id?: string; comment_id?: string }; messaging_type?: string; tag?: string; text: string; quickReplies?: unknown[] }[] = [];
  readonly comments: { commentId: string; message: string; id: string }[] = [];
  private readonly privatelyReplied = new Set<string>();
  private nextId = 1;

  constructor(
    readonly pageToken = 'test-page-token',
    readonly version = 'v21.0',
  ) {
    super();
  }

  protected handle(req: RecordedRequest): FakeResponse {
    if (req.query.get('access_token') !== this.pageToken) return graphError(400, 190, 'Invalid OAuth access token.');
    const prefix = `/${this.version}/`;
    if (req.method !== 'POST' || !req.path.startsWith(prefix)) return graphError(400, 100, `Unknown path ${req.path}`);
    const rest = req.path.slice(prefix.length);
    if (rest === 'me/messages') return this.sendApi(req);
    const comment = /^([\d_]+)\/comments$/.exec(rest);
    if (comment) return this.commentReply(comment[1]!, req);
    return graphError(400, 100, `Unsupported post request: ${rest}`);
  }

  private sendApi(req: RecordedRequest): FakeResponse {
    const { recipient, messaging_type, tag, message } = req.body ?? {};
    if (!recipient || (!recipient.id && !recipient.comment_id)) return graphError(400, 100, '(#100) recipient is required');
    if (messaging_type === 'MESSAGE_TAG' && !tag) return graphError(400, 100, '(#100) tag is required for MESSAGE_TAG');
    const text = message?.text;
    if (typeof text !== 'string') return graphError(400, 100, '(#100) message.text is required');
    if (Array.from(text).length > 2000) return graphError(400, 100, '(#100) Length of param message[text] must be less than or equal to 2000');
    if (recipient.comment_id) {
      if (this.privatelyReplied.has(recipient.comment_id)) return graphError(400, 10900, 'Activity already replied to');
      this.privatelyReplied.add(recipient.comment_id);
    }
    this.sent.push({ recipient, messaging_type, tag, text, ...(message.quick_replies ? { quickReplies: message.quick_replies } : {}) });
    return { status: 200, body: { recipient_id: recipient.id ?? '7000000000000002', message_id: `m_fake${this.nextId++}` } };
  }

  private commentReply(commentId: string, req: RecordedRequest): FakeResponse {
    const message = req.body?.message;
    if (typeof message !== 'string' || !message) return graphError(400, 100, '(#100) message is required');
    const id = `${commentId.split('_')[0]}_${400000000000000 + this.nextId++}`;
    this.comments.push({ commentId, message, id });
    return { status: 200, body: { id } };
  }
}
