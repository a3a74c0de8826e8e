// The README documents every error code and every config variable, exactly as the code defines
// them (both tables are generated from the code, so drift fails here).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { markdownConfigTable } from '../../server/config';
import { ERROR_CATALOGUE, ERROR_CODES, markdownErrorTable } from '../../core/errors';

const README = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

test('every error code is documented in README.md with its status', () => {
  for (const code of ERROR_CODES) {
    expect(README).toMatch(new RegExp(`\\| \`${code}\` \\| ${ERROR_CATALOGUE[code].status} \\|`));
  }
  expect(README).toContain(markdownErrorTable());
});

test('the configuration table in README.md is the one the code validates', () => {
  expect(README).toContain(markdownConfigTable());
});

test('every error code has a status and both languages', () => {
  for (const code of ERROR_CODES) {
    const spec = ERROR_CATALOGUE[code];
    expect(spec.status).toBeGreaterThanOrEqual(400);
    expect(spec.message.ko).toMatch(/[가-힣]/);
    expect(spec.message.en).toMatch(/[A-Za-z]/);
  }
});
