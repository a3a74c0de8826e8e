// Named prepared statements for the embedded database, the PGlite side of
// store/prepared-statements.ts. PGlite's query() parses, analyses and plans every statement
// again, in WebAssembly; the hot path's CTE statements spend most of their time there. A text seen
// twice is prepared once (parse + describe) and then only bound and executed, through PGlite's
// public protocol API. Runs in the database's own thread (store/pglite-worker.ts), one statement
// at a time, so no other statement can come between the protocol messages of one.
import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import { createUseCounter, isStalePlan } from './statement-uses';

const { serialize } = protocol;

export interface PreparedRunnerOptions {
  /** Statements kept prepared (default 200); later texts run unprepared. */
  readonly maxPrepared?: number;
  /** Distinct texts whose use is counted (default 5 000). */
  readonly maxTracked?: number;
}

interface Prepared {
  readonly name: string;
  readonly paramTypes: readonly number[];
}

export function createPreparedRunner(client: PGlite, options: PreparedRunnerOptions = {}) {
  const maxPrepared = options.maxPrepared ?? 200;
  const uses = createUseCounter(options.maxTracked);
  const prepared = new Map<string, Prepared>();
  const refused = new Set<string>();
  /** Names are never reused: a statement dropped after a table change is closed, not renamed. */
  let named = 0;

  const exec = async (message: Uint8Array) => (await client.execProtocol(message, { syncToFs: false })).messages;
  /** Ends the extended-protocol exchange, after success or an error (which PGlite has thrown). */
  const sync = () => client.execProtocol(serialize.sync(), { syncToFs: false, throwOnError: false });

  async function prepare(text: string): Promise<Prepared> {
    const name = `s_${++named}`;
    try {
      await exec(serialize.parse({ name, text }));
      const described = await exec(serialize.describe({ type: 'S', name }));
      return { name, paramTypes: parse.parseDescribeStatementResults(described) };
    } finally {
      await sync();
    }
  }

  async function execute(statement: Prepared, params: readonly unknown[]): Promise<Results> {
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = client.serializers[statement.paramTypes[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const messages = [];
    try {
      messages.push(...(await exec(serialize.bind({ statement: statement.name, values }))));
      messages.push(...(await exec(serialize.describe({ type: 'P' }))));
      messages.push(...(await exec(serialize.execute({}))));
    } finally {
      messages.push(...(await sync()).messages);
    }
    return parse.parseResults(messages, client.parsers)[0]!;
  }

  /** Whether this text should run prepared, counting this use. */
  function wanted(text: string): boolean {
    if (refused.has(text)) return false;
    if (prepared.has(text)) return true;
    return uses.repeated(text) && prepared.size < maxPrepared;
  }

  /** Frees a prepared statement that no longer fits its table. */
  async function release(statement: Prepared): Promise<void> {
    try {
      await exec(serialize.close({ type: 'S', name: statement.name }));
    } finally {
      await sync();
    }
  }

  return {
    /** Runs a statement like client.query(), prepared when it is one the process repeats. */
    async query(text: string, params: readonly unknown[]): Promise<Results> {
      if (params.length === 0 || !wanted(text)) return client.query(text, params as unknown[]);
      let statement = prepared.get(text);
      if (!statement) {
        statement = await prepare(text);
        prepared.set(text, statement);
      }
      try {
        const result = await execute(statement, params);
        if (!client.isInTransaction()) await client.syncToFs();
        return result;
      } catch (error) {
        if (!isStalePlan(error)) throw error;
        // The table changed since it was prepared (a migration): unprepared from now on.
        refused.add(text);
        prepared.delete(text);
        await release(statement);
        return client.query(text, params as unknown[]);
      }
    },
    /** Texts prepared now (for tests). */
    preparedCount: () => prepared.size,
  };
}
