// Model versions in the database: drafts from training, one published row at a time (a unique
// index enforces it), retired ones kept for rollback. The model itself is stored serialized.
import { sql, type Kysely } from 'kysely';
import { newId } from '../store/ids';
import type { Schema } from '../store/schema';

export type ModelStatus = 'draft' | 'published' | 'retired';

export interface ModelVersionRow {
  version: string;
  status: ModelStatus;
  metrics: unknown;
  created_at: Date;
  published_at: Date | null;
  published_by: string | null;
}

const COLUMNS = ['version', 'status', 'metrics', 'created_at', 'published_at', 'published_by'] as const;

/** Newest first. */
export async function listModelVersions(db: Kysely<Schema>): Promise<ModelVersionRow[]> {
  return db.selectFrom('model_versions').select(COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function findModelVersion(db: Kysely<Schema>, version: string): Promise<ModelVersionRow | undefined> {
  return db.selectFrom('model_versions').select(COLUMNS).where('version', '=', version).executeTakeFirst();
}

/** The version whose metrics name this training job. */
export async function findModelVersionByJob(db: Kysely<Schema>, jobId: string): Promise<ModelVersionRow | undefined> {
  return db
    .selectFrom('model_versions')
    .select(COLUMNS)
    .where(sql<string>`metrics->>'jobId'`, '=', jobId)
    .executeTakeFirst();
}

export async function findPublishedVersion(db: Kysely<Schema>): Promise<ModelVersionRow | undefined> {
  return db.selectFrom('model_versions').select(COLUMNS).where('status', '=', 'published').executeTakeFirst();
}

/** The published version with its serialized model, for loading. */
export async function findPublishedModel(db: Kysely<Schema>): Promise<{ version: string; model: string } | undefined> {
  return db.selectFrom('model_versions').select(['version', 'model']).where('status', '=', 'published').executeTakeFirst();
}

export async function insertModelVersion(
  db: Kysely<Schema>,
  row: { version: string; status: ModelStatus; metrics: object; model: string; publishedAt?: Date; publishedBy?: string },
): Promise<void> {
  await db
    .insertInto('model_versions')
    .values({
      id: newId(),
      version: row.version,
      status: row.status,
      metrics: JSON.stringify(row.metrics),
      model: row.model,
      ...(row.publishedAt ? { published_at: row.publishedAt, published_by: row.publishedBy ?? null } : {}),
    })
    .execute();
}

export async function setModelMetrics(db: Kysely<Schema>, version: string, metrics: object): Promise<void> {
  await db
    .updateTable('model_versions')
    .set({ metrics: JSON.stringify(metrics) })
    .where('version', '=', version)
    .execute();
}

export async function retireModelVersion(db: Kysely<Schema>, version: string): Promise<void> {
  await db.updateTable('model_versions').set({ status: 'retired' }).where('version', '=', version).execute();
}

export async function publishModelVersion(db: Kysely<Schema>, version: string, actor: string, at: Date): Promise<void> {
  await db.updateTable('model_versions').set({ status: 'published', published_at: at, published_by: actor }).where('version', '=', version).execute();
}
