// `sotong serve` as a real child process on a free port, for the tests that prove what a user runs
// (the quick start, the pruned production install, PII at rest): its output kept, and ready once
// /readyz answers 200. A child that exits or never gets ready fails the test with its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from './backends';
import { freePort } from './free-port';

export interface ServedProcess {
  readonly child: ChildProcess;
  /** http://127.0.0.1:<port> */
  readonly base: string;
  stdout(): string;
  stderr(): string;
  /** Both streams, in the order they arrived. */
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL when it still runs (for afterAll). */
  kill(): void;
}

export async function startServeProcess(options: {
  /** The script and its arguments after `node`, e.g. ['bin/sotong.js', 'serve']. */
  readonly args: readonly string[];
  readonly cwd: string;
  /** The environment; PORT is set here. */
  readonly env: NodeJS.ProcessEnv;
  readonly readyWithinMs: number;
}): Promise<ServedProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...options.args], {
    cwd: options.cwd,
    env: { ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`serve exited early (${child.exitCode}):\n${output}`);
        return fetch(`${base}/readyz`).then(
          (r) => r.status === 200,
          () => false,
        );
      },
      options.readyWithinMs,
      '/readyz',
    );
  } catch (error) {
    kill();
    throw error;
  }
  return {
    child,
    base,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill,
  };
}
