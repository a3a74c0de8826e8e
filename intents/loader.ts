// Loads the intent catalog: one YAML file per intent in intents/catalog/<id>.yaml, validated
// against bot/intent-schema.ts. Every problem is reported as `file:line: field.path: message`, all
// files at once, so a trainer fixes the whole catalog in one pass.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { ZodError } from 'zod';
import { INTENT_IDS, isIntentId } from './intent-ids';
import { intentSchema, type Catalog, type IntentDefinition } from '../bot/intent-schema';
import { formatPath, lineOf, type FieldPath } from './yaml-location';

export const DEFAULT_CATALOG_DIR = path.resolve(__dirname, 'catalog');

/** Past this many problems in one file the rest are counted, not listed. */
const MAX_ISSUES_PER_FILE = 20;

export interface CatalogIssue {
  /** The file, relative to the working directory when it is inside it. */
  readonly file: string;
  /** 1-based; absent for problems that belong to no line (a missing file). */
  readonly line?: number;
  /** Field path such as `examples.ko[3]`; empty for whole-file problems. */
  readonly field: string;
  readonly message: string;
}

export function formatIssue(issue: CatalogIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.field ? `${where}: ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  readonly issues: readonly CatalogIssue[];

  constructor(issues: readonly CatalogIssue[], options?: { cause?: unknown }) {
    super(issues.map(formatIssue).join('\n'), options);
    this.issues = issues;
  }
}

function displayName(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

type Problem = { readonly path: FieldPath; readonly message: string; readonly asKey?: boolean };

function schemaProblems(error: ZodError): Problem[] {
  return error.issues.flatMap((issue): Problem[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: 'unknown field', asKey: true }))
      : [{ path: issue.path, message: issue.message }],
  );
}

/** Rules the schema cannot express: they relate fields to each other or to the file name. */
function consistencyProblems(intent: IntentDefinition, fileBase: string): Problem[] {
  const problems: Problem[] = [];
  if (intent.id !== fileBase) {
    problems.push({ path: ['id'], message: `id "${intent.id}" must match the file name (${fileBase}.yaml)` });
  }
  if (!isIntentId(intent.id)) {
    problems.push({ path: ['id'], message: `"${intent.id}" is not one of the taxonomy's intent ids` });
  }
  let fallbacks = 0;
  intent.answers.forEach((answer, a) => {
    answer.links.forEach((index, l) => {
      if (index >= intent.links.length) {
        problems.push({
          path: ['answers', a, 'links', l],
          message: `link ${index} does not exist (this intent has ${intent.links.length} links)`,
        });
      }
    });
    if (answer.effective && answer.effective.from > answer.effective.to) {
      problems.push({ path: ['answers', a, 'effective'], message: 'effective.from is after effective.to' });
    }
    // pickAnswer() uses the first answer without a window, so a second one could never be sent.
    if (!answer.effective && ++fallbacks === 2) {
      problems.push({ path: ['answers', a], message: 'only one answer may have no effective window' });
    }
  });
  (intent.situations ?? []).forEach((situation, i) => {
    situation.answer.links.forEach((index, l) => {
      if (index >= intent.links.length) {
        problems.push({
          path: ['situations', i, 'answer', 'links', l],
          message: `link ${index} does not exist (this intent has ${intent.links.length} links)`,
        });
      }
    });
    if (situation.cues.ko.length + situation.cues.en.length === 0) {
      problems.push({ path: ['situations', i, 'cues'], message: 'a situation needs at least one cue' });
    }
  });
  return problems;
}

type Parsed = { readonly intent?: IntentDefinition; readonly issues: readonly CatalogIssue[] };

function parseIntentSource(source: string, file: string): Parsed {
  const name = displayName(file);
  const counter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        file: name,
        line: e.linePos?.[0].line ?? counter.linePos(e.pos[0]).line,
        field: '',
        message: `YAML syntax: ${e.message}`,
      })),
    };
  }
  const result = intentSchema.safeParse(doc.toJS());
  const problems = result.success ? consistencyProblems(result.data, path.basename(file, '.yaml')) : schemaProblems(result.error);
  const shown = problems.slice(0, MAX_ISSUES_PER_FILE).map((p) => ({
    file: name,
    line: lineOf(doc, counter, p.path, p.asKey),
    field: formatPath(p.path),
    message: p.message,
  }));
  if (problems.length > shown.length) {
    shown.push({ file: name, line: 1, field: '', message: `…and ${problems.length - shown.length} more problems` });
  }
  return problems.length === 0 && result.success ? { intent: result.data, issues: [] } : { issues: shown };
}

/** Parses and validates one intent file's text; `file` is used for messages and the id check. */
export function parseIntent(source: string, file: string): IntentDefinition {
  const { intent, issues } = parseIntentSource(source, file);
  if (!intent) throw new CatalogError(issues);
  return intent;
}

export function loadIntentFile(file: string): IntentDefinition {
  return parseIntent(readFileSync(file, 'utf8'), file);
}

/**
 * Loads every `*.yaml` file in `dir`. A partial catalog loads; use assertCompleteCatalog
 * where all intents are required.
 */
export function loadCatalog(dir: string = DEFAULT_CATALOG_DIR): Catalog {
  const files = readdirSync(dir).sort();
  const intents: IntentDefinition[] = [];
  const issues: CatalogIssue[] = [];
  for (const entry of files) {
    const file = path.join(dir, entry);
    if (entry.endsWith('.yml')) {
      issues.push({ file: displayName(file), field: '', message: 'catalog files must end in .yaml' });
      continue;
    }
    if (!entry.endsWith('.yaml')) continue;
    const parsed = parseIntentSource(readFileSync(file, 'utf8'), file);
    if (parsed.intent) intents.push(parsed.intent);
    issues.push(...parsed.issues);
  }
  if (issues.length > 0) throw new CatalogError(issues);
  return { intents, byId: new Map(intents.map((intent) => [intent.id, intent])) };
}

/** Throws unless the catalog holds every taxonomy intent. */
export function assertCompleteCatalog(catalog: Catalog): void {
  const missing = INTENT_IDS.filter((id) => !catalog.byId.has(id));
  if (missing.length > 0) {
    throw new CatalogError(missing.map((id) => ({ file: `${id}.yaml`, field: '', message: `intent "${id}" is missing from the catalog` })));
  }
}
