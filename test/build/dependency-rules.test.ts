// The dependency rules (.dependency-cruiser.js) catch what they are for: in a copy of the tree, a
// planted file in bot/ that imports server/ breaks the layer rule, two planted modules importing
// each other break the cycle rule, and without them the same folder is clean.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

let copy: string;

beforeAll(() => {
  copy = mkdtempSync(path.join(os.tmpdir(), 'sotong-deps-'));
  for (const entry of [
    '.dependency-cruiser.js',
    'tsconfig.json',
    'core',
    'bot',
    'intents',
    'store',
    'server',
    'jobs',
    'events',
    'pipeline',
    'channels',
    'handoff',
    'training',
    'accounts',
    'surge',
  ]) {
    cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

function cruise(...targets: string[]): Violation[] {
  const result = spawnSync(process.execPath, [CRUISE, '--config', '.dependency-cruiser.js', '--output-type', 'json', ...targets], {
    cwd: copy,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (!result.stdout) throw new Error(`dependency-cruiser printed nothing (${result.status}): ${result.stderr}`);
  return (JSON.parse(result.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

test('bot/ is clean without the planted files', () => {
  expect(cruise('bot')).toEqual([]);
}, 150_000);

test('a bot/ module importing server/ breaks the layer rule', () => {
  writeFileSync(path.join(copy, 'bot', 'planted-upward.ts'), "import { loadConfig } from '../server/config';\nexport const planted = loadConfig;\n");
  try {
    const violations = cruise('bot');
    expect(violations).toContainEqual(
      expect.objectContaining({ rule: expect.objectContaining({ name: 'no-upward-from-bot' }), from: 'bot/planted-upward.ts', to: 'server/config.ts' }),
    );
  } finally {
    rmSync(path.join(copy, 'bot', 'planted-upward.ts'));
  }
}, 150_000);

test('two modules importing each other break the cycle rule', () => {
  writeFileSync(path.join(copy, 'bot', 'planted-a.ts'), "import { b } from './planted-b';\nexport const a = () => b;\n");
  writeFileSync(path.join(copy, 'bot', 'planted-b.ts'), "import { a } from './planted-a';\nexport const b = () => a;\n");
  try {
    const names = cruise('bot').map((v) => v.rule.name);
    expect(names).toContain('no-module-cycle');
  } finally {
    rmSync(path.join(copy, 'bot', 'planted-a.ts'));
    rmSync(path.join(copy, 'bot', 'planted-b.ts'));
  }
}, 150_000);
