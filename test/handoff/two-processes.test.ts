// Two real `sotong serve` processes on one PostgreSQL database and one Redis: 20 agents, signed in
// on either process, claim the same ticket at once and exactly one wins; the agent stream on one
// process hears what happened on the other (live events through Redis); a reply sent through one
// process reaches the citizen's conversation read through the other.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { call, PASSWORD, signIn, type Session } from '../auth/agent-app';
import { describeWithServers, eventually, TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/backends';
import { createFreshDatabase, freePort, openSse, type FreshDatabase } from './server-support';

const ROOT = path.resolve(__dirname, '..', '..');
const ADMIN = { email: 'admin@two.local', password: 'admin password 123' };
// serve has no queue-prefix setting, so the suite takes a Redis database of its own to keep its
// jobs away from other suites running `sotong serve` with the default prefix.
const REDIS_DB = 13;

interface Child {
  readonly url: string;
  readonly process: ChildProcess;
  output(): string;
}

describeWithServers({ postgres: true, redis: true }, 'two server processes on PostgreSQL + Redis', () => {
  let fresh: FreshDatabase;
  const children: Child[] = [];
  const dirs: string[] = [];

  async function start(env: Record<string, string>): Promise<Child> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-two-'));
    dirs.push(dataDir);
    const port = await freePort();
    let log = '';
    const child = spawn(process.execPath, ['bin/sotong.js', 'serve'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), SOTONG_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}):\n${log}`);
        return fetch(`${url}/readyz`).then(
          (r) => r.status === 200,
          () => false,
        );
      },
      120_000,
      `${url}/readyz`,
    );
    const started = { url, process: child, output: () => log };
    children.push(started);
    return started;
  }

  beforeAll(async () => {
    fresh = await createFreshDatabase(TEST_DATABASE_URL!);
    const redis = new URL(TEST_REDIS_URL!);
    redis.pathname = `/${REDIS_DB}`;
    const env = {
      DATABASE_URL: fresh.url,
      REDIS_URL: redis.toString(),
      SOTONG_SECRET: 'two-process-secret-two-process-secret',
      SOTONG_ADMIN_EMAIL: ADMIN.email,
      SOTONG_ADMIN_PASSWORD: ADMIN.password,
    };
    // One after the other: the first migrates, seeds and trains; the second finds it all done.
    await start(env);
    await start(env);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.process.exitCode !== null) return resolve();
            const timer = setTimeout(() => c.process.kill('SIGKILL'), 15_000);
            c.process.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            c.process.kill('SIGTERM');
          }),
      ),
    );
    await fresh?.drop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  test('20 agents on two processes claim one ticket: one winner; events and replies cross processes', async () => {
    const [a, b] = children as [Child, Child];
    const admin = await signIn(a.url, ADMIN.email, ADMIN.password);

    const userId = `citizen-${randomUUID()}`;
    const asked = await call(a.url, 'POST', '/api/v1/messages', { body: { userId, text: '상담원 연결해 주세요' } });
    expect(asked.status).toBe(201);
    expect(asked.body.decision.action).toBe('handoff');
    const conversationId: string = asked.body.conversationId;

    const agents: Session[] = [];
    for (let i = 0; i < 20; i++) {
      const email = `agent${i}-${randomUUID()}@two.local`;
      expect((await admin.bearer('POST', '/api/v1/users', { email, password: PASSWORD, role: 'agent' })).status).toBe(201);
      agents.push(await signIn(i % 2 === 0 ? a.url : b.url, email));
    }
    // The stream is on B; the ticket was opened on A.
    const live = await openSse(`${b.url}/api/v1/events`, { cookie: agents[1]!.cookie });
    try {
      const listed = await agents[0]!.bearer('GET', '/api/v1/handoffs');
      const ticket = listed.body.tickets.find((t: { conversationId: string }) => t.conversationId === conversationId);
      expect(ticket).toMatchObject({ status: 'waiting' });

      const claims = await Promise.all(
        agents.map((agent, i) =>
          call(i % 2 === 0 ? a.url : b.url, 'POST', `/api/v1/handoffs/${ticket.id}/claim`, { headers: { authorization: `Bearer ${agent.token}` } }),
        ),
      );
      const statuses = claims.map((c) => c.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const winnerIndex = statuses.indexOf(200);
      const winner = agents[winnerIndex]!;
      expect(claims[winnerIndex]!.body.ticket.assignee).toBe(winner.userId);

      await live.waitFor(
        (e) => e.event === 'ticket.changed' && e.data.ticketId === ticket.id && e.data.status === 'assigned',
        10_000,
        'the claim on the other process',
      );

      // The winner replies through the process it did not sign in on; the citizen reads on A.
      const other = winnerIndex % 2 === 0 ? b.url : a.url;
      const reply = await call(other, 'POST', `/api/v1/handoffs/${ticket.id}/messages`, {
        body: { text: '담당 상담원입니다. 도와드릴게요.' },
        headers: { authorization: `Bearer ${winner.token}` },
      });
      expect(reply.status).toBe(202);
      const transcript = await eventually(
        async () => {
          const r = await call(a.url, 'GET', `/api/v1/conversations/${conversationId}/messages`, {
            headers: { authorization: `Bearer ${asked.body.accessToken}` },
          });
          return r.body.messages.some((m: { author: string }) => m.author === 'agent') ? r.body.messages : undefined;
        },
        15_000,
        'the agent reply in the transcript',
      );
      expect(transcript.at(-1)).toMatchObject({ author: 'agent', text: '담당 상담원입니다. 도와드릴게요.' });
    } finally {
      live.close();
    }
  }, 120_000);
});
