// A start-up step that queues jobs (re-scheduling the SLA checks of unanswered tickets) must not
// stop a worker from starting when the job queue is slow or down: it is tried once, and if that
// fails, again every period until it succeeds or the process stops. The step must be safe to
// run again (its jobs carry ids, so a second run queues nothing twice).

export interface RetryInBackground<T> {
  /** The first attempt's value, or undefined when it failed and retries go on in the background. */
  readonly first: T | undefined;
  /** Stops the retries (shutdown). */
  stop(): void;
}

export async function retryInBackground<T>(
  step: () => Promise<T>,
  options: { readonly periodMs: number; onError(error: unknown): void; onDone(value: T): void },
): Promise<RetryInBackground<T>> {
  try {
    return { first: await step(), stop: () => undefined };
  } catch (error) {
    options.onError(error);
  }
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = () => {
    timer = setTimeout(() => {
      step().then(
        (value) => !stopped && options.onDone(value),
        (error: unknown) => {
          if (stopped) return;
          options.onError(error);
          attempt();
        },
      );
    }, options.periodMs);
    timer.unref();
  };
  attempt();
  return {
    first: undefined,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
