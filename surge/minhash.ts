// Char n-gram MinHash: a fixed-size signature per text whose positions agree with probability
// equal to the Jaccard similarity of the texts' n-gram sets, and LSH band keys over it, so a new
// text finds its similar neighbours through a few hash lookups instead of a scan. Pure.
//
// N-grams are taken over the normalised text with spaces and punctuation removed (Korean spacing
// on social media is unreliable): character 2- and 3-grams, so "지하차도침수" and "지하 차도 침수"
// give the same set, and a typo breaks only the few n-grams around it.
import { normalize } from '../bot/normalize';
import { Math } from '../core/local-math';

export const SIGNATURE_SIZE = 64;
/** Bands × rows = SIGNATURE_SIZE. Two texts share a band key with probability 1 − (1 − J²)³²: ≈ 0.95 at J = 0.3. */
export const LSH_BANDS = 32;
const ROWS = SIGNATURE_SIZE / LSH_BANDS;

export type Signature = Uint32Array;

const DROP = /[\s\p{P}\p{S}]+/gu;

/** Shingles too common to say anything about a topic ("어떻게 해요", "언제까지"). */
export type StopShingles = ReadonlySet<number>;
export const NO_STOP: StopShingles = new Set();

/** The text's n-gram hashes (deduplicated), minus `stop`. Empty for a text with no letters or digits. */
export function shingles(text: string, stop: StopShingles = NO_STOP): Set<number> {
  const s = normalize(text).replace(DROP, '');
  const out = new Set<number>();
  for (let n = 2; n <= 3; n++) {
    for (let i = 0; i + n <= s.length; i++) {
      const h = fnv1a(s, i, n);
      if (!stop.has(h)) out.add(h);
    }
  }
  if (out.size === 0 && s.length > 0) out.add(fnv1a(s, 0, s.length));
  return out;
}

/**
 * The shingles found in more than `maxShare` of `texts`: question phrasing shared across topics.
 * Built once from the catalog's examples, so similarity rests on what a message is about.
 */
export function commonShingles(texts: readonly string[], maxShare: number): StopShingles {
  const df = new Map<number, number>();
  for (const text of texts) for (const h of shingles(text)) df.set(h, (df.get(h) ?? 0) + 1);
  const limit = Math.max(2, texts.length * maxShare);
  return new Set([...df].filter(([, n]) => n > limit).map(([h]) => h));
}

/** MinHash signature of a text: for each of SIGNATURE_SIZE hash functions, the smallest value. */
export function signature(text: string, stop: StopShingles = NO_STOP): Signature {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const h of shingles(text, stop)) {
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const v = mix(h ^ SEEDS[k]!);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the two texts' n-gram sets, in [0, 1]. */
export function similarity(a: Signature, b: Signature): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_SIZE;
}

/** One key per band: texts sharing any key are candidates for a similarity check. */
export function bandKeys(sig: Signature): string[] {
  const keys: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let key = `${b}`;
    for (let r = 0; r < ROWS; r++) key += `:${sig[b * ROWS + r]!.toString(36)}`;
    keys.push(key);
  }
  return keys;
}

/** For storage as JSON. */
export function toArray(sig: Signature): number[] {
  return Array.from(sig);
}

export function fromArray(values: readonly number[]): Signature {
  if (values.length !== SIGNATURE_SIZE) throw new RangeError(`a signature has ${SIGNATURE_SIZE} values, got ${values.length}`);
  return Uint32Array.from(values);
}

function fnv1a(s: string, start: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit finaliser (murmur3 fmix32): turns `h ^ seed` into an independent-looking hash per seed. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS: readonly number[] = Array.from({ length: SIGNATURE_SIZE }, (_, k) => mix((k + 1) * 0x9e3779b9));
