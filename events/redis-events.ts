// Live events over Redis pub/sub, for when API and workers run in separate processes: a worker
// publishes `message.created` after sending, and the API process holding the citizen's SSE
// stream hears it. Pub/sub is fire-and-forget; a client that was disconnected catches up from
// the transcript (the SSE route replays messages after Last-Event-ID).
import { Redis } from 'ioredis';
import { createFanOut } from './in-process-events';
import { conversationOf, LIVE_EVENT_TYPES, type LiveEvent, type LiveEvents } from './types';

export interface RedisEventsOptions {
  readonly redisUrl: string;
  /** Pub/sub channel name; tests give each suite its own. */
  readonly channel?: string;
  readonly onListenerError?: (error: unknown, event: LiveEvent) => void;
  /** Told about messages on the channel that are not live events (never thrown at publishers). */
  readonly onBadMessage?: (reason: string) => void;
  /** Told about connection errors; ioredis reconnects by itself. */
  readonly onConnectionError?: (error: Error) => void;
}

export const DEFAULT_EVENTS_CHANNEL = 'sotong:live-events';

/** Resolves once the subscription is active, so nothing published afterwards is missed. */
export async function createRedisEvents(options: RedisEventsOptions): Promise<LiveEvents> {
  const channel = options.channel ?? DEFAULT_EVENTS_CHANNEL;
  // A subscribed ioredis connection can do nothing else, so publishing needs its own.
  // No retries until the first connection works: an unreachable Redis at startup is a clear
  // error, not a client reconnecting forever in the background. After that, reconnect with backoff.
  let established = false;
  const retryStrategy = (times: number) => (established ? Math.min(times * 200, 2000) : null);
  const publisher = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3, retryStrategy });
  const subscriber = new Redis(options.redisUrl, { lazyConnect: true, retryStrategy });
  // Without a listener ioredis prints every reconnect error to stderr.
  const onError = options.onConnectionError ?? (() => {});
  publisher.on('error', onError);
  subscriber.on('error', onError);
  try {
    // allSettled: both attempts must be over before giving up, or one keeps reconnecting.
    const connected = await Promise.allSettled([publisher.connect(), subscriber.connect()]);
    const failed = connected.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await subscriber.subscribe(channel);
    established = true;
  } catch (error) {
    publisher.disconnect(false);
    subscriber.disconnect(false);
    throw new Error(`live events: cannot subscribe to Redis channel "${channel}"`, { cause: error });
  }

  // Every event goes to the shared channel; an event of a conversation also goes to that
  // conversation's own channel, which only the processes holding its citizen's streams hear.
  const conversationPrefix = `${channel}:conversation:`;
  const fanOut = createFanOut(
    options.onListenerError,
    async () => {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
    async (event) => {
      const payload = JSON.stringify(event);
      const id = conversationOf(event);
      if (id === undefined) await publisher.publish(channel, payload);
      else
        await publisher
          .multi()
          .publish(channel, payload)
          .publish(conversationPrefix + id, payload)
          .exec();
    },
    async (conversationId, on) => {
      if (on) await subscriber.subscribe(conversationPrefix + conversationId);
      else await subscriber.unsubscribe(conversationPrefix + conversationId);
    },
  );

  subscriber.on('message', (from: string, payload: string) => {
    const shared = from === channel;
    if (!shared && !from.startsWith(conversationPrefix)) return;
    const event = parseEvent(payload);
    if (typeof event === 'string') options.onBadMessage?.(event);
    else if (shared) fanOut.deliver(event);
    else if (conversationOf(event) === from.slice(conversationPrefix.length)) fanOut.deliverToConversation(event);
    else options.onBadMessage?.(`event of another conversation on ${from}`);
  });

  return { publish: fanOut.publish, subscribe: fanOut.subscribe, subscribeConversation: fanOut.subscribeConversation, close: fanOut.close };
}

function parseEvent(payload: string): LiveEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return 'not JSON';
  }
  const type = (value as { type?: unknown } | null)?.type;
  if (!(LIVE_EVENT_TYPES as readonly unknown[]).includes(type)) return `unknown event type ${JSON.stringify(type)}`;
  return value as LiveEvent;
}
