// Named prepared statements on PostgreSQL connections. Kysely sends every query unnamed, so
// PostgreSQL parses, analyses and plans it each time: for the hot path's CTE statements that is
// ~400 µs of server CPU per statement, against ~45 µs when the statement was prepared on the
// connection before (BENCHMARKS.md, issue 16). A statement is named once its text has been seen
// twice in the process, and each connection holds at most `maxPerConnection` of them, so one-off
// queries (an agent's search with ten ids) never pile up prepared statements on the server.
import { createHash } from 'node:crypto';
import type { PoolClient, QueryConfig } from 'pg';
import { createUseCounter, isStalePlan } from './statement-uses';

export interface PreparedStatementOptions {
  /** Named statements one connection may hold (default 200); later texts go unnamed. */
  readonly maxPerConnection?: number;
  /** Distinct texts whose use is counted (default 5 000); past it only known texts are named. */
  readonly maxTracked?: number;
}

const PATCHED = Symbol('sotong.preparedStatements');

/** Counts per text across the process's connections, and names each text once. */
export function createStatementNames(options: PreparedStatementOptions = {}) {
  const maxPerConnection = options.maxPerConnection ?? 200;
  const uses = createUseCounter(options.maxTracked);
  const names = new Map<string, string>();

  /** The statement's name if it should be prepared, counting this use. */
  function nameFor(text: string): string | undefined {
    if (!uses.repeated(text)) return undefined;
    let name = names.get(text);
    if (!name) names.set(text, (name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`));
    return name;
  }

  /** Makes `client.query(text, values)` use a named statement where it pays. Idempotent. */
  function prepareOn(client: PoolClient): PoolClient {
    const marked = client as PoolClient & { [PATCHED]?: true };
    if (marked[PATCHED]) return client;
    marked[PATCHED] = true;
    const query = client.query.bind(client) as (config: string | QueryConfig, values?: unknown[]) => Promise<unknown>;
    const prepared = new Set<string>();
    const refused = new Set<string>();
    const patched = (config: string | QueryConfig, values?: unknown[]): Promise<unknown> => {
      // Without parameters pg uses the simple protocol, which also runs multi-statement scripts.
      if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || refused.has(config)) return query(config, values);
      const name = nameFor(config);
      if (!name || (!prepared.has(name) && prepared.size >= maxPerConnection)) return query(config, values);
      prepared.add(name);
      return query({ name, text: config, values }).catch((error: unknown) => {
        if (!isStalePlan(error)) throw error;
        // The table changed since it was prepared (a migration by a newer process): unnamed from now on.
        refused.add(config);
        return query(config, values);
      });
    };
    Object.defineProperty(client, 'query', { value: patched, writable: true, configurable: true });
    return client;
  }

  return { prepareOn };
}
