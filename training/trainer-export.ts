// The database catalog as catalog files: one YAML document per intent, keys in the order the
// hand-written files use, so `sotong export-catalog` output diffs cleanly against intents/catalog.
// The same text is what edits are validated through (parseIntent), so whatever the database
// accepts, the file loader accepts too.
import { stringify } from 'yaml';
import { CatalogError, parseIntent } from '../intents/loader';
import type { Catalog, IntentDefinition } from '../bot/intent-schema';
import { DomainError } from '../core/errors';

export function intentFileName(id: string): string {
  return `${id}.yaml`;
}

export function intentToYaml(intent: IntentDefinition, header?: string): string {
  // The hand-written files' key order first; every other field follows, so a field added to the
  // schema later is never dropped on export or on an edit (edits are validated through this text).
  const { id, name, policy, threshold, owner, examples, links, answers, ...rest } = intent;
  const ordered = {
    id,
    name,
    policy,
    ...(threshold === undefined ? {} : { threshold }),
    owner,
    examples,
    links,
    answers,
    ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
  };
  const body = stringify(ordered, { lineWidth: 0 });
  return header
    ? `${header
        .split('\n')
        .map((l) => `# ${l}`)
        .join('\n')}\n${body}`
    : body;
}

/** {filename: yamlText} for every intent. */
export function exportCatalog(catalog: Catalog, exportedAt = new Date()): Record<string, string> {
  const header = `Exported from the Sotong database on ${exportedAt.toISOString()}.`;
  return Object.fromEntries(catalog.intents.map((intent) => [intentFileName(intent.id), intentToYaml(intent, header)]));
}

/** Runs an intent through the file loader's rules; a problem becomes a 400 naming the field. */
export function validateAsFile(intent: IntentDefinition): IntentDefinition {
  try {
    return parseIntent(intentToYaml(intent), intentFileName(intent.id));
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    const problems = error.issues.map((i) => ({ field: i.field || '(intent)', message: i.message }));
    throw new DomainError('invalid', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
  }
}
