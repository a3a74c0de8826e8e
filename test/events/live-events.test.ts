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
      a.subscribe((e) => heard.push(e.type === 'message.created' ? e.message.text : e.type === 'ticket.changed' ? e.status : e.type === 'catalog.changed' ? e.intentId : e.type));
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

  test('an unreachable Redis fails creation with a clear message', async () => {
    await expect(createLiveEvents({ redisUrl: 'redis://127.0.0.1:1' })).rejects.toThrow(/cannot subscribe to Redis/);
  });
});
