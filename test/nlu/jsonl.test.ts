import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabelledDataError, readLabelledJsonl } from '../../bot/jsonl';

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sotong-jsonl-')), 'data.jsonl');
  writeFileSync(path, content);
  return path;
}

describe('readLabelledJsonl', () => {
  test('reads examples, skipping blank lines and a BOM', () => {
    const path = file('\uFEFF{"text":"여권 재발급","intent":"passport.issue"}\n\n{"text":"hi","intent":"chat.greeting","channel":"web"}\r\n');
    expect(readLabelledJsonl(path)).toEqual([
      { text: '여권 재발급', intent: 'passport.issue' },
      { text: 'hi', intent: 'chat.greeting' },
    ]);
  });

  test.each([
    ['{"text":"a","intent":"x"}\n{"text":"b", intent:"y"}\n', 2, 'not valid JSON'],
    ['{"text":"a","intent":"x"}\n\n["b","y"]\n', 3, 'expected an object'],
    ['{"text":5,"intent":"x"}\n', 1, '"text" must be a string, got number'],
    ['{"text":"a"}\n', 1, '"intent" must be a non-empty string, got nothing (missing)'],
    ['{"text":"a","intent":"  "}\n', 1, '"intent" must be a non-empty string'],
  ])('a malformed line fails with file:line and the problem (%#)', (content, line, problem) => {
    const path = file(content);
    let error: unknown;
    try {
      readLabelledJsonl(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabelledDataError);
    expect((error as LabelledDataError).message).toContain(`${path}:${line}: ${problem}`);
    expect((error as LabelledDataError).line).toBe(line);
  });

  test('a missing file and an empty file are errors too', () => {
    expect(() => readLabelledJsonl('/nonexistent/train.jsonl')).toThrow(/nonexistent\/train\.jsonl:0: cannot read/);
    expect(() => readLabelledJsonl(file('\n\n'))).toThrow(/no examples/);
  });
});
