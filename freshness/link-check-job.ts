// The link-check job: a repeatable job that checks one official link per run, the one checked
// longest ago, so a catalog of any size costs the sites a few requests a minute. It runs through
// every(): once per period across all workers, and set up again if the queue's storage is wiped
// (a job that re-added itself was lost with the queue, and its first add could fail the start).
import type { Catalog } from '../bot/intent-schema';
import type { JobQueue } from '../jobs/types';
import type { Database } from '../store/database';
import type { LinkChecker } from './link-checker';
import { nextLinkToCheck, saveLinkCheck } from './link-check-repository';

export interface LinkCheckJobDeps {
  readonly database: Database;
  readonly jobs: JobQueue;
  readonly checker: LinkChecker;
  readonly catalog: () => Catalog;
  /** One link per this many ms. */
  readonly intervalMs: number;
  readonly now?: () => Date;
  readonly onError?: (error: unknown) => void;
}

/** Every web link the catalog answers with, once each (tel: numbers cannot be fetched). */
export function officialWebLinks(catalog: Catalog): string[] {
  return [...new Set(catalog.intents.flatMap((i) => i.links.map((l) => l.url)).filter((url) => url.startsWith('https://')))].sort();
}

/** Checks the link due next and records the result. Returns the URL checked, if any. */
export async function checkNextLink(deps: Omit<LinkCheckJobDeps, 'jobs' | 'intervalMs'>): Promise<string | undefined> {
  const url = await nextLinkToCheck(deps.database.db, officialWebLinks(deps.catalog()));
  if (!url) return undefined;
  const result = await deps.checker.check(url);
  await saveLinkCheck(deps.database.db, result, (deps.now ?? (() => new Date()))());
  return url;
}

/** Consumes `link-check` jobs in this process and runs one every `intervalMs`; returns a stop function. */
export function startLinkChecks(deps: LinkCheckJobDeps): () => void {
  deps.jobs.process(
    'link-check',
    async () => {
      try {
        await checkNextLink(deps);
      } catch (error) {
        deps.onError?.(error);
      }
    },
    { concurrency: 1, attempts: 1 },
  );
  return deps.jobs.every('link-check', deps.intervalMs);
}
