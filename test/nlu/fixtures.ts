// Shared inputs for the NLU tests: shipped data sets (read, never copied) and awkward texts.
import { readLabelledJsonl } from '../../bot/jsonl';
import type { LabelledExample } from '../../bot/model-types';
import { sharedDataDir } from '../../bench/shared-data';

/** The shared data folder (beside the repo, or SOTONG_SHARED_DATA). */
export const DATA = sharedDataDir();

/** The shipped Korean development sample (22 intents of the Sotong taxonomy). */
export function koSample(): LabelledExample[] {
  return readLabelledJsonl(`${DATA}/ko-sample.jsonl`);
}

/** ParaKQC restricted to its first `groups` paraphrase groups. */
export function paraKqc(split: 'train' | 'test', groups: number): LabelledExample[] {
  const keep = new Set(Array.from({ length: groups }, (_, i) => `g${String(i).padStart(4, '0')}`));
  return readLabelledJsonl(`${DATA}/bench/parakqc-${split}.jsonl`).filter((e) => keep.has(e.intent));
}

/** Texts a social-media channel can hand us: none of them may make the NLU throw. */
export function awkwardInputs(): [string, string][] {
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1');
  return [
    ['empty text', ''],
    ['only spaces', '   \n\t '],
    ['100 KB of Korean', '가족관계증명서 '.repeat(15_000).slice(0, 100_000)],
    ['binary bytes', binary],
    ['lone surrogates', '\uD800여권\uDFFF\uD83D'],
    ['NUL and control characters', '\u0000\u0001\u001b[31m여권\u007f'],
  ];
}
