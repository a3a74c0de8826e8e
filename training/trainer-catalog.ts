// The catalog as trainers edit it in the database: intents (definition without examples),
// their examples, and their answers. Every change is validated by the catalog file rules
// (validateAsFile), answers also by the public-reply rules (≤ 280 weighted characters with the
// links, official sources only), and written with its audit row in one transaction.
import { sanitizeText } from '../bot/sanitize-text';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditLog } from '../store/audit-repository';
import { isIntentId } from '../intents/intent-ids';
import { isOfficialSource } from '../intents/official-sources';
import { renderPublicAnswer, xWeightedLength, X_MAX_WEIGHTED_LENGTH } from '../intents/public-length';
import { answerSchema, intentSchema, linkSchema, type IntentDefinition } from '../bot/intent-schema';
import type { Schema } from '../store/schema';
import { addExamples, deleteExample, listExamples, type AddedExample, type NewExample, type StoredExample } from './trainer-examples';
import { countExamples, deleteIntent, findIntentRow, insertIntent, listIntentRows, loadCatalogFromDb, updateIntentDefinition } from './catalog-repository';
import { listLinkChecks } from '../freshness/link-check-repository';
import { freshnessReport, type FreshnessReport } from '../freshness/report';
import { exportCatalog, validateAsFile } from './trainer-export';
import { DomainError } from '../core/errors';

export type IntentBody = Omit<IntentDefinition, 'examples'>;

export const intentBodySchema = intentSchema.omit({ examples: true });
/** PUT /intents/:id: the definition; the id comes from the path (a body id must repeat it). */
export const intentUpdateSchema = intentBodySchema.partial({ id: true });
export const newIntentSchema = intentSchema.extend({
  examples: intentSchema.shape.examples.default({ ko: [], en: [] }),
});
export const answersBodySchema = z.object({ answers: z.array(answerSchema), links: z.array(linkSchema).optional() }).strict();
export const exampleBodySchema = z
  .object({ text: z.string().overwrite(sanitizeText).trim().min(1).max(1000), language: z.enum(['ko', 'en']).optional() })
  .strict();

export interface IntentSummary {
  readonly id: string;
  readonly name: IntentDefinition['name'];
  readonly policy: IntentDefinition['policy'];
  readonly queue: string;
  readonly examples: { readonly ko: number; readonly en: number };
  readonly updatedAt: string;
}

export interface IntentDetail {
  readonly intent: IntentBody;
  readonly examples: readonly StoredExample[];
  readonly updatedAt: string;
}

/** Public-reply rules the file schema cannot express: length on X and official links only. */
export function answerProblems(intent: IntentBody): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  intent.links.forEach((link, l) => {
    if (isIntentId(intent.id) && !isOfficialSource(intent.id, link.url)) {
      problems.push({ field: `links[${l}].url`, message: `${link.url} is not an official source for ${intent.id}` });
    }
  });
  intent.answers.forEach((answer, a) => {
    if (answer.links.some((index) => index >= intent.links.length)) return; // reported by the file rules
    for (const lang of ['ko', 'en'] as const) {
      const length = xWeightedLength(renderPublicAnswer(answer, intent.links, lang));
      if (length > X_MAX_WEIGHTED_LENGTH) {
        problems.push({
          field: `answers[${a}].public.${lang}`,
          message: `the public reply is ${length} weighted characters with its links (at most ${X_MAX_WEIGHTED_LENGTH})`,
        });
      }
    }
  });
  return problems;
}

function checked(intent: IntentDefinition): IntentDefinition {
  const valid = validateAsFile(intent);
  const problems = answerProblems(valid);
  if (problems.length > 0) throw new DomainError('invalid', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
  return valid;
}

/** JSON with sorted keys: jsonb does not keep key order (and PGlite's objects come from another realm under jest). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

const definitionOf = (raw: unknown): IntentBody => (typeof raw === 'string' ? JSON.parse(raw) : raw) as IntentBody;

export class TrainerCatalog {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly audit: AuditLog,
    /** Publishes a changed definition (answers, links, quick replies) to every process at once. */
    private readonly published: (intentId: string) => Promise<void> = async () => undefined,
  ) {}

  async list(): Promise<IntentSummary[]> {
    const [intents, counts] = await Promise.all([listIntentRows(this.db), countExamples(this.db)]);
    const count = (id: string, lang: string) => Number(counts.find((c) => c.intent_id === id && c.language === lang)?.n ?? 0);
    return intents.map((row) => {
      const d = definitionOf(row.definition);
      return {
        id: row.id,
        name: d.name,
        policy: d.policy,
        queue: d.owner.queue,
        examples: { ko: count(row.id, 'ko'), en: count(row.id, 'en') },
        updatedAt: row.updated_at.toISOString(),
      };
    });
  }

  async get(id: string): Promise<IntentDetail> {
    const row = await this.row(this.db, id);
    return { intent: definitionOf(row.definition), examples: await listExamples(this.db, id), updatedAt: row.updated_at.toISOString() };
  }

  async create(actor: string, body: unknown): Promise<IntentDetail> {
    const parsed = newIntentSchema.parse(body);
    const definition = this.body(checked({ ...parsed, examples: { ko: [], en: [] } }));
    const { examples } = parsed;
    await this.db.transaction().execute(async (trx) => {
      if (await findIntentRow(trx, definition.id)) {
        throw new DomainError('conflict', `intent ${definition.id} already exists`, { intent: definition.id });
      }
      await insertIntent(trx, definition.id, definition);
      const added = await addExamples(
        trx,
        definition.id,
        [...examples.ko.map((text) => ({ text, language: 'ko' as const })), ...examples.en.map((text) => ({ text, language: 'en' as const }))],
        'catalog',
        actor,
      );
      await this.audit.record({ actor, action: 'intent.create', target: definition.id, details: { examples: added.length } }, trx);
    });
    await this.published(definition.id);
    return this.get(definition.id);
  }

  /** Replaces the definition (examples are edited through their own routes). */
  async update(actor: string, id: string, body: unknown): Promise<IntentDetail> {
    const { id: bodyId = id, ...rest } = intentUpdateSchema.parse(body);
    if (bodyId !== id) throw new DomainError('invalid', `the body's id "${bodyId}" does not match the path's "${id}"`);
    const parsed = { id, ...rest };
    const definition = this.body(checked({ ...parsed, examples: { ko: [], en: [] } }));
    await this.db.transaction().execute(async (trx) => {
      const before = definitionOf((await this.row(trx, id)).definition);
      await updateIntentDefinition(trx, id, definition);
      const changed = Object.keys(definition).filter(
        (k) => canonical((before as Record<string, unknown>)[k]) !== canonical((definition as Record<string, unknown>)[k]),
      );
      await this.audit.record({ actor, action: 'intent.update', target: id, details: { changed } }, trx);
    });
    await this.published(id);
    return this.get(id);
  }

  async remove(actor: string, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.row(trx, id);
      const removed = await deleteIntent(trx, id);
      await this.audit.record({ actor, action: 'intent.delete', target: id, details: { examples: removed } }, trx);
    });
    await this.published(id);
  }

  /** Replaces the answers (and, when given, the links they point at). */
  async setAnswers(actor: string, id: string, body: unknown): Promise<IntentDetail> {
    const { answers, links } = answersBodySchema.parse(body);
    await this.db.transaction().execute(async (trx) => {
      const before = definitionOf((await this.row(trx, id)).definition);
      const definition = this.body(checked({ ...before, answers, links: links ?? before.links, examples: { ko: [], en: [] } }));
      await updateIntentDefinition(trx, id, definition);
      await this.audit.record(
        { actor, action: 'intent.answers', target: id, details: { answers: answers.length, links: definition.links.length, live: true } },
        trx,
      );
    });
    await this.published(id);
    return this.get(id);
  }

  async examples(id: string): Promise<StoredExample[]> {
    await this.row(this.db, id);
    return listExamples(this.db, id);
  }

  async addExample(actor: string, id: string, body: unknown): Promise<AddedExample> {
    const example: NewExample = exampleBodySchema.parse(body);
    return this.db.transaction().execute(async (trx) => {
      await this.row(trx, id);
      const [added] = await addExamples(trx, id, [example], 'catalog', actor);
      await this.audit.record({ actor, action: 'example.add', target: id, details: { exampleId: added!.id, text: added!.text } }, trx);
      return added!;
    });
  }

  async removeExample(actor: string, id: string, exampleId: string): Promise<StoredExample> {
    return this.db.transaction().execute(async (trx) => {
      const removed = await deleteExample(trx, id, exampleId);
      await this.audit.record({ actor, action: 'example.delete', target: id, details: { exampleId, text: removed.text } }, trx);
      return removed;
    });
  }

  /** Answers past their review date and official links whose last check failed. */
  async freshness(now: Date): Promise<FreshnessReport> {
    const [catalog, checks] = await Promise.all([loadCatalogFromDb(this.db), listLinkChecks(this.db)]);
    return freshnessReport(catalog, checks, now);
  }

  /** The stored catalog as catalog files, {filename: yamlText}. */
  async exportFiles(): Promise<Record<string, string>> {
    return exportCatalog(await loadCatalogFromDb(this.db));
  }

  private body(intent: IntentDefinition): IntentBody {
    const { examples: _examples, ...definition } = intent;
    return definition;
  }

  private async row(db: Kysely<Schema>, id: string) {
    const row = await findIntentRow(db, id);
    if (!row) throw new DomainError('not_found', `intent ${id}`);
    return row;
  }
}
