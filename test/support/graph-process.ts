// The fake Graph API (test/fakes/fake-graph-api.ts) in a process of its own, for tests whose server
// saturates its event loop on purpose: in the test's process the fake would answer late, and a
// sender timing out on a reply the fake did record would look like a duplicate send.
// Run by GraphProcess below through node's fork() (IPC): it sends {url} once listening, and
// answers 'sent' with the recipient ids of every send so far.
import { fork, type ChildProcess } from 'node:child_process';
import { FakeGraphApi } from '../fakes/fake-graph-api';

type Reply = { url: string } | { sent: (string | undefined)[] };

export class GraphProcess {
  private child: ChildProcess | undefined;
  url = '';

  constructor(private readonly pageToken: string) {}

  async start(): Promise<void> {
    this.child = fork(__filename, [this.pageToken], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.url = await this.next((m) => ('url' in m ? m.url : undefined));
  }

  /** Recipient ids of every Send API call the fake answered 200, in order. */
  sentTo(): Promise<(string | undefined)[]> {
    const answer = this.next((m) => ('sent' in m ? m.sent : undefined));
    this.child!.send('sent');
    return answer;
  }

  async close(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private next<T>(pick: (message: Reply) => T | undefined): Promise<T> {
    return new Promise((resolve) => {
      const onMessage = (message: Reply) => {
        const value = pick(message);
        if (value === undefined) return;
        this.child!.off('message', onMessage);
        resolve(value);
      };
      this.child!.on('message', onMessage);
    });
  }
}

if (require.main === module) {
  const graph = new FakeGraphApi(process.argv[2]);
  void graph.start().then(() => process.send!({ url: graph.url } satisfies Reply));
  process.on('message', () => process.send!({ sent: graph.sent.map((s) => s.recipient.id) } satisfies Reply));
  process.on('SIGTERM', () => void graph.close().then(() => process.exit(0)));
}
