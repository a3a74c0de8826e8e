// A ticket's SLA deadline passes while the (single, embedded) process is down. The in-process
// driver kept the SLA check in a timer that died with it; at the next start the check is
// scheduled again from the database and fires at once: the ticket is marked missed and escalated.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { silentLogger } from '../../core/logger';
import { startServer, type RunningServer } from '../../server/main';
import { call, signIn } from '../auth/agent-app';
import { eventually } from '../support/backends';

const ADMIN = { email: 'admin@test.local', password: 'admin password 123' };
const HIGH_SLA_MS = 4000;

describe('SLA checks survive a restart [pglite, in-process jobs]', () => {
  jest.setTimeout(180_000);
  let dataDir: string;
  let server: RunningServer | undefined;

  const start = async () => {
    const config = loadConfig({
      PORT: '0',
      SOTONG_DATA_DIR: dataDir,
      SOTONG_SECRET: 'sla-restart-secret-sla-restart-secret',
      SOTONG_ADMIN_EMAIL: ADMIN.email,
      SOTONG_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'silent',
      HANDOFF_SLA_SECONDS: `high=${HIGH_SLA_MS / 1000}`,
    });
    server = await startServer(config, { role: 'all', logger: silentLogger, print: () => undefined });
    return server;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-sla-restart-'));
  });
  afterAll(async () => {
    await server?.stop('test over');
    await rm(dataDir, { recursive: true, force: true });
  });

  test('the deadline passes while down: after the restart the ticket is slaMissed and escalated', async () => {
    const first = await start();
    const answer = await call(first.url!, 'POST', '/api/v1/messages', { body: { text: '사람이랑 얘기하고 싶어요 상담원 연결해 주세요' } });
    expect(answer.status).toBe(201);
    const conversationId = answer.body.conversationId as string;
    const { db } = first.composed.database;
    const ticket = await eventually(
      () => db.selectFrom('tickets').select(['id', 'sla_deadline', 'priority']).where('conversation_id', '=', conversationId).executeTakeFirst(),
      10_000,
      'the handoff ticket',
    );
    expect(ticket.priority).toBe('high');
    // Down before the deadline: the pending check dies with the process.
    await first.stop('simulated outage');
    server = undefined;
    expect(Date.now()).toBeLessThan(ticket.sla_deadline!.getTime());
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ticket.sla_deadline!.getTime() - Date.now()) + 500));

    const second = await start();
    const admin = await signIn(second.url!, ADMIN.email, ADMIN.password);
    const after = await eventually(
      async () => {
        const res = await admin.bearer('GET', `/api/v1/handoffs/${ticket.id}`);
        return res.body.ticket?.slaMissed ? res.body.ticket : undefined;
      },
      15_000,
      'the SLA check to fire after the restart',
    );
    expect(after).toMatchObject({ slaMissed: true, overdue: true, escalations: 1 });
    const audit = await second.composed.database.db.selectFrom('audit_log').select('action').where('target', '=', ticket.id).execute();
    expect(audit.map((a) => a.action)).toContain('ticket.sla_missed');
  });
});
