// A server-sent-events stream with typed handlers and a connection indicator. EventSource
// reconnects by itself (the server sends retry:); we only report the state.

export type StreamState = 'connecting' | 'open' | 'reconnecting';

export function openStream(url: string, handlers: Readonly<Record<string, (data: unknown) => void>>, onState: (state: StreamState) => void): () => void {
  const source = new EventSource(url, { withCredentials: true });
  onState('connecting');
  source.addEventListener('open', () => onState('open'));
  source.addEventListener('error', () => onState(source.readyState === EventSource.CLOSED ? 'connecting' : 'reconnecting'));
  for (const [type, handle] of Object.entries(handlers)) {
    source.addEventListener(type, (event) => {
      try {
        handle(JSON.parse((event as MessageEvent<string>).data));
      } catch {
        // A malformed event must not kill the stream; the next reload fixes the view.
      }
    });
  }
  return () => source.close();
}
