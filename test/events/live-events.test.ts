// Both live-event drivers, same behaviour: every subscriber hears each event, unsubscribe stops
// it, a throwing listener does not stop the others. Redis also carries events between processes
// (two separate instances stand in for the API and the worker).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLiveEvents } from '../../events/create-live-events';
import type { LiveEvent, LiveEvents } from '../../events/types';
import { eventually } from '../support/backends';

const REDIS_URL = process.env.TEST_REDIS_URL;

const message = (conversationId: string, text: string): LiveEvent => ({
  type: 'message.created',
  conversationId,
  message: { id: `m-${text}`, conversationId, direction: 'out', author: 'bot', text, links: [], createdAt: '2026-11-28T00:00:00.000Z' },
});

interface Driver {
  readonly name: string;
  readonly configured: boolean;
  /** Two handles on the same event bus (for Redis: two connections, as two processes would have). */
  open(channel: string): Promise<[LiveEvents, LiveEvents]>;
}

const drivers: Driver[] = [
  {
    name: 'in-process',
    configured: true,
    async open() {
      const events = await createLiveEvents();
      return [events, events];
    },
  },
  {
    name: 'redis',
    configured: Boolean(REDIS_URL),
    async open(channel) {
      return [await createLiveEvents({ redisUrl: REDIS_URL, channel }), await createLiveEvents({ redisUrl: REDIS_URL, channel })];
    },
  },
];

for (const driver of drivers) {
  const title = `live events [${driver.name}]`;
  if (!driver.configured) {
    if (process.env.CI === 'true') {
      test(`${title} needs TEST_REDIS_URL under CI`, () => {
        throw new Error('TEST_REDIS_URL is not set (CI=true refuses to skip)');
      });
    } else {
      console.warn(`!!! SKIPPED "${title}": TEST_REDIS_URL is not set. !!!`);
    }
    continue;
  }

  describe(title, () => {
    let channel: string;
    let a: LiveEvents;
    let b: LiveEvents;
    beforeEach(async () => {
      channel = `sotong-test-events-${randomBytes(5).toString('hex')}`;
      [a, b] = await driver.open(channel);
    });
    afterEach(async () => {
      await a.close();
      await b.close();
    });

    test('an event published on one handle reaches subscribers on both', async () => {
      const heardA: LiveEvent[] = [];
      const heardB: LiveEvent[] = [];
      a.subscribe((e) => heardA.push(e));
      b.subscribe((e) => heardB.push(e));
      const event = message('c1', '안녕하세요');
      await b.publish(event);
      await eventually(async () => heardA.length === 1 && heardB.length === 1, 5000, 'both subscribers');
      expect(heardA).toEqual([event]);
      expect(heardB).toEqual([event]);
    });

    test('events arrive in publish order', async () => {
      const heard: string[] = [];
      a.subscribe((e) =>
        heard.push(e.type === 'message.created' ? e.message.text : e.type === 'ticket.changed' ? e.status : e.type === 'catalog.changed' ? e.intentId : e.type),
      );
      for (const text of ['1', '2', '3', '4', '5']) await b.publish(message('c1', text));
      await b.publish({ type: 'ticket.changed', ticketId: 't1', conversationId: 'c1', status: 'assigned', priority: 'high' });
      await b.publish({ type: 'catalog.changed', intentId: 'passport.issue' });
      await eventually(async () => heard.length === 7, 5000, 'seven events');
      expect(heard).toEqual(['1', '2', '3', '4', '5', 'assigned', 'passport.issue']);
    });

    test('unsubscribe stops delivery; a throwing listener does not stop the others', async () => {
      const heard: string[] = [];
      const unsubscribe = a.subscribe(() => heard.push('removed'));
      a.subscribe(() => {
        throw new Error('listener bug');
      });
      a.subscribe((e) => heard.push(e.type));
      unsubscribe();
      await b.publish(message('c1', 'x'));
      await eventually(async () => heard.length === 1, 5000, 'the remaining listener');
      expect(heard).toEqual(['message.created']);
    });

    test("a conversation listener hears its own conversation's events and is never invoked for another's", async () => {
      const mine: LiveEvent[] = [];
      const all: LiveEvent[] = [];
      const offOther = await a.subscribeConversation('c-other-listener', () => {});
      const off = await a.subscribeConversation('c1', (e) => mine.push(e));
      b.subscribe((e) => all.push(e));
      await b.publish(message('c2', 'not yours'));
      await b.publish(message('c1', 'yours'));
      await b.publish({ type: 'ticket.changed', ticketId: 't2', conversationId: 'c2', status: 'assigned', priority: 'high' });
      await b.publish({ type: 'catalog.changed', intentId: 'passport.issue' });
      await b.publish({ type: 'ticket.changed', ticketId: 't1', conversationId: 'c1', status: 'closed', priority: 'low' });
      await eventually(async () => all.length === 5 && mine.length === 2, 5000, 'every event, and the two of c1');
      // The sentinel below arrives after everything above: nothing else came to the c1 listener.
      await b.publish(message('c1', 'sentinel'));
      await eventually(async () => mine.length === 3, 5000, 'the sentinel');
      expect(mine.map((e) => (e.type === 'message.created' ? e.message.text : e.type))).toEqual(['yours', 'ticket.changed', 'sentinel']);
      expect(mine.every((e) => 'conversationId' in e && e.conversationId === 'c1')).toBe(true);
      off();
      offOther();
      await b.publish(message('c1', 'after unsubscribe'));
      await eventually(async () => all.length === 7, 5000, 'the last event on the open listener');
      expect(mine).toHaveLength(3);
    });

    test('publishing after close is refused', async () => {
      const [c, d] = await driver.open(`${channel}-closed`);
      await c.close();
      await d.close();
      await expect(c.publish(message('c1', 'late'))).rejects.toThrow(/closed/);
    });
  });
}

(REDIS_URL ? describe : describe.skip)('redis events: input from the wire', () => {
  test('a foreign or malformed message on the channel is reported, not delivered', async () => {
    const channel = `sotong-test-events-${randomBytes(5).toString('hex')}`;
    const bad: string[] = [];
    const events = await createLiveEvents({ redisUrl: REDIS_URL, channel, onBadMessage: (reason) => bad.push(reason) });
    const heard: LiveEvent[] = [];
    events.subscribe((e) => heard.push(e));
    const raw = new Redis(REDIS_URL!);
    try {
      await raw.publish(channel, 'not json');
      await raw.publish(channel, JSON.stringify({ type: 'rm -rf' }));
      await raw.publish(channel, JSON.stringify(message('c9', 'ok')));
      await eventually(async () => heard.length === 1, 5000, 'the good event');
      expect(bad).toEqual(['not JSON', 'unknown event type "rm -rf"']);
    } finally {
      raw.disconnect();
      await events.close();
    }
  });

  test("a conversation subscription is filtered in Redis: the process subscribes to that conversation's channel only, and leaves it when the last listener goes", async () => {
    const channel = `sotong-test-events-${randomBytes(5).toString('hex')}`;
    const events = await createLiveEvents({ redisUrl: REDIS_URL, channel });
    const raw = new Redis(REDIS_URL!);
    const subscribers = async (conversationId: string) => ((await raw.pubsub('NUMSUB', `${channel}:conversation:${conversationId}`)) as [string, number])[1];
    try {
      const first = await events.subscribeConversation('c1', () => {});
      const second = await events.subscribeConversation('c1', () => {});
      expect(await subscribers('c1')).toBe(1);
      expect(await subscribers('c2')).toBe(0);
      first();
      expect(await subscribers('c1')).toBe(1);
      second();
      await eventually(async () => (await subscribers('c1')) === 0, 5000, 'the channel left');
    } finally {
      raw.disconnect();
      await events.close();
    }
  });

  test('an unreachable Redis fails creation with a clear message', async () => {
    await expect(createLiveEvents({ redisUrl: 'redis://127.0.0.1:1' })).rejects.toThrow(/cannot subscribe to Redis/);
  });
});
