// Training shares two cores with the API thread. A worker thread inherits the process's
// scheduling priority, so under load the kernel split the CPU evenly and the API thread's event
// loop stalled for a quarter of a second at a time. Niceness is per thread on Linux: the thread
// finds its own id through /proc/thread-self and lowers only itself. Elsewhere this does nothing.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Nice value for background CPU work: the API thread (nice 0) wins whenever both want a core. */
export const BACKGROUND_NICE = 10;

/** Lowers the calling thread's priority; returns whether it could. */
export function yieldCpuToOtherThreads(nice = BACKGROUND_NICE): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, nice);
    return true;
  } catch {
    return false;
  }
}
