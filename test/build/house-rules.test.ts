// The house rules grep can check, over the service's source folders (everything but tests,
// benchmarks and what is built or installed): SQL (Kysely's sql tag or query builders) only in
// store/ and *-repository.ts files, and no `as unknown as` cast onto a schema. A planted copy of
// each mistake shows the check catches it; the tree itself passes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** Top-level folders that are not the service's source. */
const NOT_SOURCE = new Set(['node_modules', 'dist', 'coverage', 'data', 'models', 'test', 'bench']);
const SOURCE_FILE = /\.(ts|js|mjs|cjs)$/;

/** Kysely's sql tag (sql`…`, sql<T>`…`, sql.raw(…) and kin) or a query builder's entry point. */
const SQL = /\bsql(<[^`;]*>)?`|\bsql\.(raw|ref|lit|id|join|table|val)\(|\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto)\(/;
/** A double cast onto a schema: `as unknown as Kysely<…>` or `as unknown as SomeSchema`. */
const SCHEMA_CAST = /\bas unknown as\s+(Kysely<|\w*Schema\b)/;

const mayHoldSql = (file: string) => file.startsWith('store/') || file.endsWith('-repository.ts');

function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const file = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !(dir === '' && NOT_SOURCE.has(entry.name)) && entry.name !== 'node_modules') walk(file);
      } else if (entry.isFile() && dir !== '' && SOURCE_FILE.test(entry.name)) {
        files.push(file);
      }
    }
  };
  walk('');
  return files.sort();
}

interface Violation {
  readonly at: string;
  readonly rule: 'sql' | 'schema-cast';
  readonly code: string;
}

/** Each line that breaks a rule. Comment lines are prose, not code. */
function houseRuleViolations(root: string): Violation[] {
  const found: Violation[] = [];
  for (const file of sourceFiles(root)) {
    fs.readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.trim();
        if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
        if (SQL.test(code) && !mayHoldSql(file)) found.push({ at: `${file}:${i + 1}`, rule: 'sql', code });
        if (SCHEMA_CAST.test(code)) found.push({ at: `${file}:${i + 1}`, rule: 'schema-cast', code });
      });
  }
  return found;
}

test('the tree keeps SQL in store/ and repositories, and casts no schema', () => {
  const files = sourceFiles(ROOT);
  // The walk reaches the service's folders and nothing of the tests' or benchmarks'.
  expect(files).toEqual(expect.arrayContaining(['handoff/ticket-service.ts', 'server/compose.ts', 'store/schema.ts', 'training/trainer-models.ts']));
  expect(files.filter((f) => /^(test|bench|node_modules|dist)\//.test(f))).toEqual([]);
  expect(houseRuleViolations(ROOT)).toEqual([]);
});

describe('in a planted tree', () => {
  let root: string;
  const plant = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-house-'));
    plant(
      'handoff/planted-service.ts',
      [
        '// A comment may name db.selectFrom( and sql` freely.',
        "const rows = await db.selectFrom('tickets').selectAll().execute();",
        'const n = await sql<number>`select count(*) from tickets`.execute(db);',
        'await sql`vacuum`.execute(db);',
        "await db.deleteFrom('tickets').execute();",
        "await trx.insertInto('notes').values(note).execute();",
        "await db.updateTable('tickets').set(change).execute();",
        'const joined = db as unknown as Kysely<HandoffSchema>;',
        'const fine = value as unknown as IntentDefinition;',
        'const label = "selectFrom is a word";',
      ].join('\n'),
    );
    plant('handoff/ticket-repository.ts', "await db.selectFrom('tickets').selectAll().execute();\nconst wide = db as unknown as Schema;\n");
    plant('store/messages.ts', 'await sql`select 1`.execute(db);\n');
    plant('test/handoff/planted.test.ts', "await db.selectFrom('tickets').execute();\n");
    plant('bench/planted.ts', 'await sql`select 1`.execute(db);\n');
    plant('ui/node_modules/lib/index.js', "db.selectFrom('x');\n");
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('every planted SQL line outside store/ and repositories, and every schema cast, is caught', () => {
    expect(houseRuleViolations(root).map((v) => `${v.at} ${v.rule}`)).toEqual([
      'handoff/planted-service.ts:2 sql',
      'handoff/planted-service.ts:3 sql',
      'handoff/planted-service.ts:4 sql',
      'handoff/planted-service.ts:5 sql',
      'handoff/planted-service.ts:6 sql',
      'handoff/planted-service.ts:7 sql',
      'handoff/planted-service.ts:8 schema-cast',
      'handoff/ticket-repository.ts:2 schema-cast',
    ]);
  });
});
