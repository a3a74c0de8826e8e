import { sql } from 'kysely';
import { MIGRATIONS, migrateDown, migrateToLatest } from '../../store/migrate';
import { describeEachDatabase } from '../support/backends';

const TABLES = [
  'answer_feedback',
  'audit_log',
  'canned_responses',
  'channel_state',
  'contact_links',
  'contacts',
  'conversations',
  'decisions',
  'examples',
  'intents',
  'link_checks',
  'login_failures',
  'messages',
  'model_versions',
  'outbox',
  'rejected_events',
  'sessions',
  'surge_hourly_counts',
  'surges',
  'ticket_notes',
  'ticket_ratings',
  'tickets',
  'training_candidates',
  'users',
];

describeEachDatabase('migrations', (current) => {
  const tables = async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_name not like 'kysely_%'
      order by table_name`.execute(current().db);
    return rows.map((r) => r.table_name);
  };

  test('create every table in the current schema', async () => {
    expect(await tables()).toEqual(TABLES);
  });

  test('running them again applies nothing', async () => {
    expect(await migrateToLatest(current())).toEqual([]);
  });

  test('each one can be undone and redone', async () => {
    const names = Object.keys(MIGRATIONS);
    for (let i = names.length - 1; i >= 0; i--) expect(await migrateDown(current())).toEqual([names[i]]);
    expect(await tables()).toEqual([]);
    expect(await migrateToLatest(current())).toEqual(names);
    expect(await tables()).toEqual(TABLES);
  });

  test('keep at most one open ticket per conversation', async () => {
    const { db } = current();
    await db.insertInto('contacts').values({ id: 'c1', channel: 'web', platform_user_id: 'u1', handle: null, display_name: null }).execute();
    await db
      .insertInto('conversations')
      .values({ id: 'v1', channel: 'web', thread_key: 'web:u1', contact_id: 'c1', is_public: false, language: null, last_inbound_at: null })
      .execute();
    const ticket = (id: string, status: 'waiting' | 'resolved') =>
      db
        .insertInto('tickets')
        .values({ id, conversation_id: 'v1', opened_by_message_id: null, status, priority: 'normal', queue: 'general', reason: null, assignee: null })
        .execute();
    await ticket('t1', 'resolved');
    await ticket('t2', 'waiting');
    await expect(ticket('t3', 'waiting')).rejects.toThrow(/unique/i);
  });
});
