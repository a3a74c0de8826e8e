// Mention polling: the alternative to the Account Activity webhook (no public HTTPS endpoint, or
// a tier without AAA). Fetches mentions newer than the saved since_id, follows pagination, ingests
// oldest first and saves the newest id only after everything was stored, so a crash re-reads
// (and the pipeline's dedupe absorbs) rather than loses.
import type { TweetV2, TwitterApi } from 'twitter-api-v2';
import type { MessagePipeline } from '../../pipeline/types';
import type { InboundMessage } from '../../pipeline/channel';
import type { CursorStore } from './cursor-store';
import type { XPollerOptions } from './config';
import { mentionMessage } from './parse';
import { toSendError } from './send-errors';

export interface PollResult {
  readonly fetched: number;
  readonly ingested: number;
  readonly duplicates: number;
  /** The saved cursor after this poll (unchanged when nothing new came). */
  readonly sinceId: string | undefined;
}

export function cursorKey(accountId: string): string {
  return `x:mentions:${accountId}`;
}

function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export async function pollMentions(client: TwitterApi, pipeline: MessagePipeline, cursors: CursorStore, options: XPollerOptions): Promise<PollResult> {
  const key = cursorKey(options.accountId);
  const sinceId = await cursors.get(key);
  const tweets = await fetchMentions(client, options, sinceId);
  const users = new Map<string, { username?: string; name?: string }>();
  for (const t of tweets.users) users.set(t.id, t);

  const mine = tweets.items.filter((t) => t.author_id && t.author_id !== options.accountId);
  const ordered = [...mine].sort((a, b) => compareIds(a.id, b.id));
  let ingested = 0;
  let duplicates = 0;
  for (const tweet of ordered) {
    const message = toMessage(tweet, users);
    if (!message) continue;
    const result = await pipeline.ingest(message, { enqueue: true });
    if (result.duplicate) duplicates++;
    else ingested++;
  }
  const newest = tweets.items
    .map((t) => t.id)
    .sort(compareIds)
    .at(-1);
  if (newest && (!sinceId || compareIds(newest, sinceId) > 0)) await cursors.set(key, newest);
  return { fetched: tweets.items.length, ingested, duplicates, sinceId: newest ?? sinceId };
}

async function fetchMentions(
  client: TwitterApi,
  options: XPollerOptions,
  sinceId: string | undefined,
): Promise<{ items: TweetV2[]; users: { id: string; username?: string; name?: string }[] }> {
  try {
    const page = await client.v2.userMentionTimeline(options.accountId, {
      max_results: options.pageSize ?? 100,
      expansions: ['author_id'],
      'tweet.fields': ['created_at', 'conversation_id', 'author_id'],
      'user.fields': ['username', 'name'],
      ...(sinceId ? { since_id: sinceId } : {}),
    });
    const maxPages = options.maxPages ?? 8;
    for (let pages = 1; !page.done && pages < maxPages; pages++) await page.fetchNext();
    return { items: [...page.tweets], users: page.includes.users };
  } catch (err) {
    // Same classification as sending: lets the caller back off on 429 until the reset.
    throw toSendError(err, { what: 'mentions', nowMs: Date.now(), maxRetryDelayMs: Number.POSITIVE_INFINITY });
  }
}

function toMessage(tweet: TweetV2, users: Map<string, { username?: string; name?: string }>): InboundMessage | null {
  const author = tweet.author_id as string;
  const user = users.get(author);
  return mentionMessage(
    {
      id: tweet.id,
      text: tweet.text,
      authorId: author,
      ...(user?.username ? { handle: user.username } : {}),
      ...(user?.name ? { name: user.name } : {}),
    },
    new Date(tweet.created_at ?? Date.now()),
  );
}
