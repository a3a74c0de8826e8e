// A minimal server-sent-events reader over fetch, for tests: collects parsed events.
export interface SseEvent {
  readonly event: string;
  readonly id?: string;
  readonly data: string;
}

export interface SseConnection {
  readonly status: number;
  readonly events: SseEvent[];
  /** Raw text received, comments included. */
  readonly raw: () => string;
  waitFor(predicate: (events: readonly SseEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: SseEvent[] = [];
  let raw = '';
  let buffer = '';
  const waiters = new Set<() => void>();
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          raw += value;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = block.split('\n').filter((line) => !line.startsWith(':'));
            const get = (name: string) => fields.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
            const data = get('data');
            if (data !== undefined) events.push({ event: get('event') ?? 'message', id: get('id'), data });
          }
          for (const wake of waiters) wake();
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return {
    status: response.status,
    events,
    raw: () => raw,
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(events)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SSE: timed out; got ${JSON.stringify(events)}; raw ${JSON.stringify(raw)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
