// Wrappers a test puts around the job queue compose built (Overrides.wrap.jobs): one records what
// is added, one holds the workers back as if their process were not up yet.
import type { AddOptions, JobName, JobPayloads, JobQueue } from '../../jobs/types';

export interface AddedJob {
  readonly name: JobName;
  readonly data: JobPayloads[JobName];
  readonly options?: AddOptions;
}

/** Records every add() into `added`, then queues it. */
export function recordAdds(jobs: JobQueue, added: AddedJob[]): JobQueue {
  return {
    ...jobs,
    add: async (name, data, options) => {
      added.push({ name, data, options });
      await jobs.add(name, data, options);
    },
  };
}

/** A queue whose workers (process() and every()) start only at release(); jobs queue meanwhile. */
export function holdWorkers(jobs: JobQueue): { readonly jobs: JobQueue; release(): void } {
  let held: (() => void)[] | undefined = [];
  const later = (start: () => void) => (held ? held.push(start) : start());
  return {
    jobs: {
      ...jobs,
      process: (name, handler, options) => later(() => jobs.process(name, handler, options)),
      every: (name, everyMs) => {
        let stop: (() => void) | undefined;
        let stopped = false;
        later(() => {
          if (!stopped) stop = jobs.every(name, everyMs);
        });
        return () => {
          stopped = true;
          stop?.();
        };
      },
    },
    release() {
      const starts = held ?? [];
      held = undefined;
      for (const start of starts) start();
    },
  };
}
