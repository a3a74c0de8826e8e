// What the two prepared-statement paths share (store/prepared-statements.ts on PostgreSQL,
// store/pglite-prepared.ts embedded): which texts are worth preparing, and the error that says a
// prepared statement no longer fits its table.

/** SQLSTATE 0A000, "cached plan must not change result type": a table changed under the statement. */
export const isStalePlan = (error: unknown): boolean => (error as { code?: string } | null)?.code === '0A000';

/**
 * Counts each statement text's uses. A text is worth preparing from its second use, so a one-off
 * (an agent's search with ten ids) never is. At most `maxTracked` distinct texts are counted;
 * past that only the ones already counted can become repeated.
 */
export function createUseCounter(maxTracked = 5_000) {
  const uses = new Map<string, number>();
  return {
    /** Counts this use; true from the second one. */
    repeated(text: string): boolean {
      const count = (uses.get(text) ?? 0) + 1;
      if (count === 1 && uses.size >= maxTracked) return false;
      uses.set(text, count);
      return count >= 2;
    },
  };
}
