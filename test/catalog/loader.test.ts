import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertCompleteCatalog, CatalogError, loadCatalog, parseIntent } from '../../intents/loader';
import { INTENT_IDS } from '../../intents/intent-ids';

// A valid file; each test breaks one thing in it. Line numbers below refer to this text.
const VALID = `id: cert.seal
name: { ko: 인감증명서, en: Seal certificate }
policy: faq
owner:
  queue: documents
  department: { ko: 민원서류, en: Civil documents }
examples:
  ko:
    - 인감증명서 대리발급
    - 인감 도장 잃어버렸어요
  en:
    - how do I get a seal certificate
links:
  - label: { ko: 정부24, en: Gov24 }
    url: https://www.gov.kr
    checked: "2026-11-28"
answers:
  - public: { ko: 정부24에서 확인하세요., en: See Gov24. }
    private: { ko: 정부24에서 확인하세요., en: See Gov24. }
    links: [0]
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sotong-catalog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The CatalogError that loading `dir` throws. */
function loadError(): CatalogError {
  try {
    loadCatalog(dir);
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error('expected loadCatalog to throw');
}

describe('loadCatalog', () => {
  it('loads a valid file, applying schema defaults', () => {
    write('cert.seal.yaml', VALID.replace(/\nlinks:[\s\S]*$/, '\n'));
    const catalog = loadCatalog(dir);
    const seal = catalog.byId.get('cert.seal');
    expect(catalog.intents.map((i) => i.id)).toEqual(['cert.seal']);
    expect(seal?.examples.ko).toEqual(['인감증명서 대리발급', '인감 도장 잃어버렸어요']);
    expect(seal?.links).toEqual([]);
    expect(seal?.answers).toEqual([]);
  });

  it('reports a YAML syntax error with file and line', () => {
    const file = write('cert.seal.yaml', VALID.replace('  en:\n    - how', '  en:\n    - [how'));
    const error = loadError();
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ file, line: expect.any(Number) });
    expect(error.issues[0]!.line).toBeGreaterThanOrEqual(12);
    expect(error.message).toMatch(/cert\.seal\.yaml:1\d: YAML syntax/);
  });

  it('reports a wrong type with the field path and its line', () => {
    write('cert.seal.yaml', VALID.replace('    - 인감 도장 잃어버렸어요', '    - 42'));
    const error = loadError();
    expect(error.issues).toEqual([expect.objectContaining({ line: 10, field: 'examples.ko[1]', message: expect.stringMatching(/expected string/) })]);
    expect(error.message).toMatch(/cert\.seal\.yaml:10: examples\.ko\[1\]: .*expected string/);
  });

  it('reports an unknown field at the line of its key', () => {
    write('cert.seal.yaml', VALID.replace('    url: https://www.gov.kr', '    url: https://www.gov.kr\n    note: extra'));
    expect(loadError().message).toMatch(/cert\.seal\.yaml:16: links\[0\]\.note: unknown field/);
  });

  it('reports a missing required field at its parent', () => {
    write('cert.seal.yaml', VALID.replace('  queue: documents\n', ''));
    expect(loadError().message).toMatch(/cert\.seal\.yaml:5: owner\.queue: /);
  });

  it('requires the file name to be <id>.yaml and the id to be a taxonomy id', () => {
    write('cert.family_relation.yaml', VALID);
    write('cert.made_up.yaml', VALID.replace('id: cert.seal', 'id: cert.made_up'));
    const messages = loadError().issues.map((i) => `${path.basename(i.file)}:${i.line}: ${i.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^cert\.family_relation\.yaml:1: id "cert\.seal" must match the file name/),
      expect.stringMatching(/^cert\.made_up\.yaml:1: "cert\.made_up" is not one of the taxonomy's intent ids/),
    ]);
  });

  it('rejects answer links that point past the link list', () => {
    write('cert.seal.yaml', VALID.replace('links: [0]', 'links: [0, 3]'));
    expect(loadError().message).toMatch(/cert\.seal\.yaml:20: answers\[0\]\.links\[1\]: link 3 does not exist/);
  });

  it('rejects a second answer without an effective window', () => {
    const answer = VALID.slice(VALID.indexOf('  - public:'));
    write('cert.seal.yaml', VALID + answer);
    expect(loadError().message).toMatch(/answers\[1\]: only one answer may have no effective window/);
  });

  it('collects the problems of every file before throwing', () => {
    write('cert.seal.yaml', VALID.replace('policy: faq', 'policy: maybe'));
    write('passport.issue.yaml', 'id: passport.issue\nname: [');
    write('notes.txt', 'ignored');
    write('residence.move_in.yml', VALID);
    const files = loadError().issues.map((i) => path.basename(i.file));
    expect(files).toEqual(['cert.seal.yaml', 'passport.issue.yaml', 'residence.move_in.yml']);
  });
});

describe('parseIntent', () => {
  it('names the file it was given', () => {
    expect(() => parseIntent('id: cert.seal\n', 'somewhere/cert.seal.yaml')).toThrow(/^somewhere\/cert\.seal\.yaml:1: name: /);
  });
});

describe('assertCompleteCatalog', () => {
  it('lists every missing intent id', () => {
    write('cert.seal.yaml', VALID);
    const catalog = loadCatalog(dir);
    let error: unknown;
    try {
      assertCompleteCatalog(catalog);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogError);
    const missing = (error as CatalogError).issues.map((i) => i.file);
    expect(missing).toHaveLength(INTENT_IDS.length - 1);
    expect(missing).not.toContain('cert.seal.yaml');
    expect(missing).toContain('out_of_scope.yaml');
  });

  it('accepts a catalog with every id', () => {
    const intents = INTENT_IDS.map((id) => ({ id }));
    const catalog = { intents, byId: new Map(intents.map((i) => [i.id, i])) } as never;
    expect(() => assertCompleteCatalog(catalog)).not.toThrow();
  });
});
