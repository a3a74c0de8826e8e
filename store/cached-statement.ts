// Statements of the hot path built once per shape instead of once per message. Building and
// compiling a CTE statement with Kysely costs 100–250 µs of CPU, as much as the rest of the
// statement's client-side work (BENCHMARKS.md, issue 16). Here the builder runs once with a slot
// standing for each parameter; each call then only binds its values to the compiled SQL.
//
// A builder may branch only on `shape` (part of the cache key), never on a slot's value: a slot
// is an opaque stand-in, and one used as anything but a value (in a template string, in
// arithmetic, as JSON) throws when the statement is first built. A parameter that is a plain
// object is a row: it gets a slot per key (`.values(params.row)` works), and its keys join the
// cache key.
import { createQueryId, type CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Schema } from './schema';

class Slot {
  constructor(readonly name: string) {}
  toString(): string {
    throw new Error(`cachedStatement: slot "${this.name}" used as text; pass the finished value as a parameter`);
  }
  toJSON(): never {
    throw new Error(`cachedStatement: slot "${this.name}" serialised; pass the finished value as a parameter`);
  }
  valueOf(): never {
    throw new Error(`cachedStatement: slot "${this.name}" used as a number; pass the finished value as a parameter`);
  }
}

interface Built {
  readonly compiled: CompiledQuery;
  /** Each parameter: the slot it binds, or the constant the builder put there. */
  readonly parameters: readonly unknown[];
}

/**
 * Wraps a statement builder. `build(db, params, shape)` receives stand-ins for `params`; the
 * returned function runs the statement with real values, building it on first use per `shape`.
 */
/** What a builder may branch on: a name, or a few flags (compared by value). */
export type StatementShape = string | Readonly<Record<string, string | number | boolean>>;

export function cachedStatement<P extends Record<string, unknown>, R, S extends StatementShape = 'default'>(
  build: (db: Kysely<Schema>, params: P, shape: S) => Compilable<R>,
): (db: Kysely<Schema>, params: P, shape?: S) => Promise<R[]> {
  const cache = new WeakMap<Kysely<Schema>, Map<string, Built>>();

  function prepare(db: Kysely<Schema>, shape: S, template: P): Built {
    const used = new Set<string>();
    const slot = (name: string) => {
      used.add(name);
      return new Slot(name);
    };
    const slots = new Proxy({} as P, {
      get(_, key) {
        const name = String(key);
        const value = template[name];
        return isRow(value) ? Object.fromEntries(Object.keys(value).map((column) => [column, slot(`${name}.${column}`)])) : slot(name);
      },
    });
    const compiled = build(db, slots, shape).compile();
    const bound = new Set(compiled.parameters.filter((p): p is Slot => p instanceof Slot).map((p) => p.name));
    const lost = [...used].filter((name) => !bound.has(name));
    if (lost.length > 0) throw new Error(`cachedStatement: ${lost.join(', ')} read by the builder but not bound as parameters`);
    return { compiled, parameters: compiled.parameters };
  }

  return async (db, params, shape = 'default' as S) => {
    let shapes = cache.get(db);
    if (!shapes) cache.set(db, (shapes = new Map()));
    const key = cacheKey(shape, params);
    let built = shapes.get(key);
    if (!built) shapes.set(key, (built = prepare(db, shape, params)));
    const parameters = built.parameters.map((p) => (p instanceof Slot ? valueOf(params, p.name) : p));
    const result = await db.executeQuery<R>({ ...built.compiled, parameters, queryId: createQueryId() });
    return result.rows;
  };
}

const isRow = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** The shape, plus the columns of each row parameter (a row with other keys is another statement). */
function cacheKey(shape: StatementShape, params: Record<string, unknown>): string {
  let key = typeof shape === 'string' ? shape : JSON.stringify(shape);
  for (const name in params) {
    const value = params[name];
    if (isRow(value)) key += `|${name}:${Object.keys(value).join(',')}`;
  }
  return key;
}

function valueOf(params: Record<string, unknown>, name: string): unknown {
  const dot = name.indexOf('.');
  if (dot < 0) return params[name];
  return (params[name.slice(0, dot)] as Record<string, unknown>)[name.slice(dot + 1)];
}
