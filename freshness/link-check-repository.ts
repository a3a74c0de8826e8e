// The latest check of each official link (link_checks: one row per URL).
import type { Kysely, Selectable } from 'kysely';
import type { LinkChecksTable, Schema } from '../store/schema';
import type { LinkCheckResult } from './link-checker';

export type LinkCheckRow = Selectable<LinkChecksTable>;

export async function saveLinkCheck(db: Kysely<Schema>, result: LinkCheckResult, at: Date): Promise<void> {
  const values = { status: result.status, http_status: result.httpStatus, final_url: result.finalUrl, error: result.error, checked_at: at };
  await db
    .insertInto('link_checks')
    .values({ url: result.url, ...values })
    .onConflict((oc) => oc.column('url').doUpdateSet(values))
    .execute();
}

export async function listLinkChecks(db: Kysely<Schema>): Promise<LinkCheckRow[]> {
  return db.selectFrom('link_checks').selectAll().orderBy('url').execute();
}

/** Of `urls`, the one never checked, else the one checked longest ago. */
export async function nextLinkToCheck(db: Kysely<Schema>, urls: readonly string[]): Promise<string | undefined> {
  if (urls.length === 0) return undefined;
  const checked = await db
    .selectFrom('link_checks')
    .select(['url', 'checked_at'])
    .where('url', 'in', [...urls])
    .execute();
  const at = new Map(checked.map((r) => [r.url, r.checked_at.getTime()]));
  return [...urls].sort((a, b) => (at.get(a) ?? -Infinity) - (at.get(b) ?? -Infinity))[0];
}
