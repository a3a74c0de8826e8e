// One api and two worker processes (`sotong serve --role …`) on PostgreSQL + Redis, a fake Graph
// API recording every send, and a Meta-like sender that retries a delivery until it gets a 200.
// Used by the fault suite (test/faults) and bench/faults.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { FakeGraphApi } from '../../fakes/fake-graph-api';
import { metaDelivery } from '../../fakes/platform-signers';
import { freePort } from '../../support/free-port';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const META_SECRET = 'fault-suite-app-secret';
export const PAGE_ID = '104000000000009';
export const PAGE_TOKEN = 'fault-page-token';

export interface FleetProcess {
  readonly role: 'api' | 'worker';
  child: ChildProcess;
  output: string;
  /** Exits nobody asked for (the test kills with kill(); those are not counted). */
  unexpectedExits: number;
  expectExit: boolean;
}

export interface FleetOptions {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly redisPrefix: string;
  readonly workers?: number;
  readonly extraEnv?: Record<string, string>;
}

export class Fleet {
  readonly graph = new FakeGraphApi(PAGE_TOKEN);
  readonly processes: FleetProcess[] = [];
  apiUrl = '';
  private apiPort = 0;

  constructor(private readonly options: FleetOptions) {}

  private env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: this.options.databaseUrl,
      REDIS_URL: this.options.redisUrl,
      REDIS_PREFIX: this.options.redisPrefix,
      SOTONG_SECRET: 'fault-suite-secret-fault-suite-secret',
      SOTONG_ADMIN_PASSWORD: 'fault suite admin 1',
      LOG_LEVEL: 'info', // waitWorkerStarted reads the 'workers started' line
      FB_APP_SECRET: META_SECRET,
      FB_VERIFY_TOKEN: 'verify',
      FB_PAGE_TOKEN: PAGE_TOKEN,
      FB_PAGE_ID: PAGE_ID,
      FB_GRAPH_BASE_URL: this.graph.url,
      SWEEP_INTERVAL_SECONDS: '2',
      SWEEP_STUCK_AFTER_SECONDS: '5',
      ...this.options.extraEnv,
    };
  }

  async start(): Promise<void> {
    await this.startApi();
    await this.waitReady();
    await this.startWorkers();
  }

  /** Migrates and starts the api (it trains and publishes the first model); does not wait for it. */
  async startApi(): Promise<FleetProcess> {
    await this.graph.start();
    const migrate = spawnSync(process.execPath, ['bin/sotong.js', 'migrate'], { cwd: ROOT, env: this.env(), encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);
    this.apiPort = await freePort();
    this.apiUrl = `http://127.0.0.1:${this.apiPort}`;
    return this.spawn('api');
  }

  /** Starts the workers (after the api: they load its model) and waits until each runs. */
  async startWorkers(): Promise<void> {
    const workers = Array.from({ length: this.options.workers ?? 2 }, () => this.spawn('worker'));
    // Faults start only once every worker runs: a worker still starting is a different scenario.
    await Promise.all(workers.map((worker) => this.waitWorkerStarted(worker)));
  }

  /** Waits for the worker's 'workers started' log line (its jobs are registered from then on). */
  async waitWorkerStarted(worker: FleetProcess, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (worker.output.includes('"workers started"')) return;
      if (worker.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`worker not started after ${timeoutMs} ms:\n${worker.output}`);
  }

  spawn(role: 'api' | 'worker'): FleetProcess {
    const env = { ...this.env(), ...(role === 'api' ? { PORT: String(this.apiPort) } : {}) };
    const child = spawn(process.execPath, ['bin/sotong.js', 'serve', '--role', role], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const proc: FleetProcess = { role, child, output: '', unexpectedExits: 0, expectExit: false };
    const keep = (chunk: Buffer) => {
      proc.output = (proc.output + chunk.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => {
      if (!proc.expectExit) {
        proc.unexpectedExits += 1;
        console.error(`fault suite: ${role} exited unexpectedly (${code ?? signal}):\n${proc.output}`);
      }
    });
    this.processes.push(proc);
    return proc;
  }

  async waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const ok = await fetch(`${this.apiUrl}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`api not ready after ${timeoutMs} ms:\n${this.processes.find((p) => p.role === 'api')?.output}`);
  }

  /** kill -9 one process of a role and start a replacement. */
  async killAndReplace(role: 'api' | 'worker'): Promise<void> {
    const victim = this.processes.find((p) => p.role === role && p.child.exitCode === null && p.child.signalCode === null);
    if (!victim) throw new Error(`no running ${role}`);
    victim.expectExit = true;
    const exited = new Promise((resolve) => victim.child.once('exit', resolve));
    victim.child.kill('SIGKILL');
    await exited;
    this.spawn(role);
    if (role === 'api') await this.waitReady();
  }

  /** Processes that died without being told to. */
  unexpectedExits(): number {
    return this.processes.reduce((sum, p) => sum + p.unexpectedExits, 0);
  }

  /** Delivers one Messenger message like Meta: retried (1 s apart) until a 200. Returns how many POSTs it took. */
  async deliver(psid: string, mid: string, text: string, copies = 1): Promise<{ posts: number; fivexx: number }> {
    const payload = {
      object: 'page',
      entry: [
        { id: PAGE_ID, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid, text } }] },
      ],
    };
    const delivery = metaDelivery(META_SECRET, payload);
    let posts = 0;
    let fivexx = 0;
    for (let copy = 0; copy < copies; copy++) {
      for (;;) {
        posts += 1;
        const status = await fetch(`${this.apiUrl}/webhooks/facebook`, { method: 'POST', body: delivery.body, headers: delivery.headers }).then(
          (r) => r.status,
          () => 0,
        );
        if (status >= 500) fivexx += 1;
        if (status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    return { posts, fivexx };
  }

  /** Sends the fake received, per recipient psid. */
  sendsPerRecipient(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.graph.sent) if (s.recipient.id) counts.set(s.recipient.id, (counts.get(s.recipient.id) ?? 0) + 1);
    return counts;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map(async (p) => {
        p.expectExit = true;
        if (p.child.exitCode !== null || p.child.signalCode !== null) return;
        const exited = new Promise((resolve) => p.child.once('exit', resolve));
        p.child.kill('SIGTERM');
        const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await this.graph.close();
  }
}
