// The embedded database's own thread: owns the one PGlite instance and runs the statements the
// API thread posts, one at a time in the order they arrive. PGlite executes SQL synchronously in
// WebAssembly; here that time no longer blocks the HTTP thread's event loop, and on two cores the
// two threads run side by side. Order is the API thread's job (store/pglite-driver.ts sends a
// transaction's statements with nothing in between); this side only keeps arrival order.
// Built, this is dist/store/pglite-worker.js; from the sources it is loaded through
// pglite-worker.dev.js.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { createPreparedRunner } from './pglite-prepared';
import { serializeError, type FromWorker, type PGliteWorkerData, type ToWorker } from './pglite-worker-messages';

async function serve(): Promise<void> {
  const port = parentPort!;
  const post = (message: FromWorker) => port.postMessage(message);
  const { dataDir, artifacts, startFrom } = workerData as PGliteWorkerData;
  let client: PGlite;
  try {
    client = new PGlite(dataDir, {
      ...artifacts,
      fsBundle: new Blob([artifacts.fsBundle as Uint8Array<ArrayBuffer>]),
      ...(startFrom && { loadDataDir: new Blob([await readFile(startFrom)], { type: 'application/x-tar' }) }),
    });
    await client.waitReady;
  } catch (error) {
    post({ type: 'open-failed', error: serializeError(error) });
    port.close();
    return;
  }

  // Repeated statements run prepared: parsed and planned once (store/pglite-prepared.ts).
  const statements = createPreparedRunner(client);
  let queue = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      if (message.type === 'close') {
        await client.close();
        // Nothing else holds the thread open: with the port closed the worker exits (code 0).
        port.close();
        return;
      }
      try {
        if (message.type === 'dump') {
          const tar = new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer());
          port.postMessage({ type: 'dumped', id: message.id, tar } satisfies FromWorker, [tar.buffer]);
          return;
        }
        const result = await statements.query(message.sql, message.params as unknown[]);
        post({ type: 'result', id: message.id, rows: result.rows, affectedRows: result.affectedRows, command: result.command });
      } catch (error) {
        post({ type: 'error', id: message.id, error: serializeError(error) });
      }
    });
  });
  post({ type: 'ready' });
}

void serve();
