// One fault scenario under load, shared by the fault suite (test/faults) and bench/faults.ts:
// deliver `messages` Messenger messages at about `rate` a second, each from its own user, inject
// the fault halfway, wait for the pipeline to drain, and count the sends per inbound message.
import type { Kysely } from 'kysely';
import type { Schema } from '../../../store/schema';
import type { Fleet } from './fleet';

export interface ScenarioSettings {
  readonly messages: number;
  readonly rate: number;
  /** Deliveries of each webhook (3: every webhook delivered three times). */
  readonly copies?: number;
  readonly drainTimeoutMs: number;
}

export interface ScenarioResult {
  readonly scenario: string;
  readonly messages: number;
  readonly posts: number;
  readonly fivexx: number;
  /** Inbound messages that got no reply. */
  readonly lost: number;
  /** Replies sent beyond the first, over all messages. */
  readonly duplicates: number;
  /** Outbox rows pending or sending and messages received or processing when the scenario ended. */
  readonly unsent: number;
  readonly crashes: number;
  readonly drainSeconds: number;
}

const TEXT = '가족관계증명서 인터넷으로 발급하고 싶어요';

export async function runScenario(
  fleet: Fleet,
  db: Kysely<Schema>,
  name: string,
  settings: ScenarioSettings,
  fault: () => Promise<void>,
): Promise<ScenarioResult> {
  const { messages, rate, copies = 1 } = settings;
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const base = 7_100_000_000_000_000 + Math.floor(Math.random() * 1e12);
  const psids = Array.from({ length: messages }, (_, i) => String(base + i * 7));
  const crashesBefore = fleet.unexpectedExits();
  let posts = 0;
  let fivexx = 0;
  const deliveries: Promise<void>[] = [];
  let faulted: Promise<void> = Promise.resolve();
  for (let i = 0; i < messages; i++) {
    deliveries.push(
      fleet.deliver(psids[i]!, `m_${tag}_${i}`, TEXT, copies).then((r) => {
        posts += r.posts;
        fivexx += r.fivexx;
      }),
    );
    if (i === Math.floor(messages / 2)) faulted = fault();
    await new Promise((resolve) => setTimeout(resolve, 1000 / rate));
  }
  await Promise.all([...deliveries, faulted]);
  const started = Date.now();
  let unsent = -1;
  while (Date.now() - started < settings.drainTimeoutMs) {
    try {
      const pending = await db.selectFrom('outbox').select('id').where('status', 'in', ['pending', 'sending']).execute();
      const unfinished = await db.selectFrom('messages').select('id').where('status', 'in', ['received', 'processing']).execute();
      unsent = pending.length + unfinished.length;
      const sends = fleet.sendsPerRecipient();
      if (unsent === 0 && psids.every((p) => (sends.get(p) ?? 0) > 0)) break;
    } catch {
      // the database is still coming back
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const drainSeconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 3000)); // room for a late duplicate
  const sends = fleet.sendsPerRecipient();
  return {
    scenario: name,
    messages,
    posts,
    fivexx,
    lost: psids.filter((p) => (sends.get(p) ?? 0) === 0).length,
    duplicates: psids.reduce((sum, p) => sum + Math.max(0, (sends.get(p) ?? 0) - 1), 0),
    unsent,
    crashes: fleet.unexpectedExits() - crashesBefore,
    drainSeconds,
  };
}
