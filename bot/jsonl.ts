// Labelled training / test data as JSON Lines: one {"text": "...", "intent": "..."} per line.
// A bad line fails the whole file with `file:line: what was wrong`, so nothing is silently
// trained on half a data set.
import { readFileSync } from 'node:fs';
import type { LabelledExample } from './model-types';

export class LabelledDataError extends Error {
  override readonly name = 'LabelledDataError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}:${line}: ${problem}`, options);
  }
}

export function readLabelledJsonl(path: string): LabelledExample[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new LabelledDataError(path, 0, `cannot read the file (${(cause as Error).message})`, { cause });
  }
  return parseLabelledJsonl(content, path);
}

/** Parses JSONL text; `source` names it in errors. Blank lines are allowed and skipped. */
export function parseLabelledJsonl(content: string, source: string): LabelledExample[] {
  const examples: LabelledExample[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    examples.push(parseLine(raw, source, i + 1));
  });
  if (examples.length === 0) throw new LabelledDataError(source, 0, 'no examples in the file');
  return examples;
}

function parseLine(raw: string, source: string, line: number): LabelledExample {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    throw new LabelledDataError(source, line, `not valid JSON (${(cause as Error).message})`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LabelledDataError(source, line, 'expected an object like {"text": "...", "intent": "..."}');
  }
  const { text, intent } = value as Record<string, unknown>;
  if (typeof text !== 'string') throw new LabelledDataError(source, line, `"text" must be a string, got ${describe(text)}`);
  if (typeof intent !== 'string' || intent.trim() === '') {
    throw new LabelledDataError(source, line, `"intent" must be a non-empty string, got ${describe(intent)}`);
  }
  return { text, intent: intent.trim() };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}
