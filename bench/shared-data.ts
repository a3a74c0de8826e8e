// Where the shared data sets live. CI clones the repo with `shared/` beside it, so the default is
// relative to this file (repo/bench → ../../shared/data); SOTONG_SHARED_DATA overrides it.
import path from 'node:path';

export function sharedDataDir(): string {
  return process.env.SOTONG_SHARED_DATA ?? path.resolve(__dirname, '../../shared/data');
}

/** A file under the shared data folder, e.g. sharedData('bench', 'clinc150-test.jsonl'). */
export function sharedData(...parts: string[]): string {
  return path.join(sharedDataDir(), ...parts);
}
