// canned_responses rows (store/migrations/0015_canned_responses.ts) as CannedResponse values.
import type { Kysely, Selectable } from 'kysely';
import type { CannedResponsesTable, Schema } from '../store/schema';

export interface CannedResponse {
  readonly id: string;
  readonly title: string;
  readonly text: { readonly ko: string; readonly en: string };
  readonly updatedBy: string | null;
  readonly updatedAt: Date;
}

export interface CannedResponseInput {
  readonly title: string;
  readonly text: { readonly ko: string; readonly en: string };
}

const toCanned = (row: Selectable<CannedResponsesTable>): CannedResponse => ({
  id: row.id,
  title: row.title,
  text: { ko: row.text_ko, en: row.text_en },
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

export class CannedResponseRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async list(): Promise<CannedResponse[]> {
    const rows = await this.db.selectFrom('canned_responses').selectAll().orderBy('title').orderBy('id').execute();
    return rows.map(toCanned);
  }

  async find(id: string, trx: Kysely<Schema> = this.db): Promise<CannedResponse | undefined> {
    const row = await trx.selectFrom('canned_responses').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCanned(row);
  }

  async insert(id: string, input: CannedResponseInput, actorId: string, trx: Kysely<Schema> = this.db): Promise<CannedResponse> {
    const row = await trx
      .insertInto('canned_responses')
      .values({ id, title: input.title, text_ko: input.text.ko, text_en: input.text.en, updated_by: actorId })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCanned(row);
  }

  async update(id: string, input: CannedResponseInput, actorId: string, at: Date, trx: Kysely<Schema> = this.db): Promise<CannedResponse | undefined> {
    const row = await trx
      .updateTable('canned_responses')
      .set({ title: input.title, text_ko: input.text.ko, text_en: input.text.en, updated_by: actorId, updated_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row && toCanned(row);
  }

  async remove(id: string, trx: Kysely<Schema> = this.db): Promise<boolean> {
    const result = await trx.deleteFrom('canned_responses').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
