// The training worker lowers its own thread's priority, not the process's: the API thread
// keeps nice 0 and wins the CPU when both want it.
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BACKGROUND_NICE } from '../../training/background-thread';

const linux = process.platform === 'linux';

/** Runs yieldCpuToOtherThreads() in a fresh worker thread and returns what it saw. */
function inWorker(): Promise<{ lowered: boolean; threadId: number; nice: number }> {
  const code = `
    require('tsx/cjs');
    const { parentPort } = require('node:worker_threads');
    const { readlinkSync } = require('node:fs');
    const { getPriority } = require('node:os');
    const { yieldCpuToOtherThreads } = require(${JSON.stringify(require.resolve('../../training/background-thread.ts'))});
    const lowered = yieldCpuToOtherThreads();
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    parentPort.postMessage({ lowered, threadId, nice: getPriority(threadId) });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', (seen) => {
      resolve(seen);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

(linux ? test : test.skip)('a worker thread lowers only its own priority', async () => {
  const before = getPriority(process.pid);
  const seen = await inWorker();
  expect(seen.lowered).toBe(true);
  expect(seen.threadId).not.toBe(process.pid);
  expect(seen.nice).toBe(BACKGROUND_NICE);
  expect(getPriority(process.pid)).toBe(before);
});
