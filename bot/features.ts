// Text → sparse tf-idf vector. Two feature families, both hashed into one fixed space:
//  - character n-grams over the text with the spaces next to Hangul removed, so
//    "가족관계증명서어디서떼요" and "가족관계 증명서 어디서 떼요" get the same character n-grams
//    (Korean spacing on social media is unreliable; English spaces are kept, as they help);
//  - word unigrams and bigrams, which carry English word identity and order.
// Hashing works on UTF-16 code units straight from the string: no substrings, no per-n-gram
// allocation, and no script is ever dropped (Hangul, jamo and emoji hash like any other unit).
import { normalize } from './normalize';
import { Math } from '../core/local-math';

// Deep import (natural's root module is slow to load); this path ships without type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stem } = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };

export interface FeatureConfig {
  /** The hashed space has 2^hashBits buckets; only buckets seen in training get a column. */
  readonly hashBits: number;
  readonly charMin: number;
  readonly charMax: number;
  /**
   * Longest n-gram that contains Hangul. A syllable packs about three Latin letters, so Korean
   * n-grams get sparse (and overfit) sooner than English ones. Defaults to charMax.
   */
  readonly hangulCharMax?: number;
  /** 0 = no word features, 1 = word unigrams, 2 = unigrams and bigrams. */
  readonly wordNgrams: number;
  /** A bucket must occur in at least this many training texts to get a column. */
  readonly minDf: number;
}

// charMax, hangulCharMax and wordNgrams were chosen on CLINC150 val and a held-out share of ParaKQC
// train by bench/nlu-tune.ts and bench/nlu-open-set.ts (see BENCHMARKS.md), never on a test set.
export const DEFAULT_FEATURES: FeatureConfig = { hashBits: 21, charMin: 1, charMax: 4, hangulCharMax: 2, wordNgrams: 1, minDf: 1 };

// Distinct seeds keep a character n-gram and a word with the same letters apart.
const SEED_CHAR = 0x811c9dc5;
const SEED_WORD = 0x01000193;
const SEED_BIGRAM = 0x2545f491;
const BOUNDARY_START = 0x02;
const BOUNDARY_END = 0x03;
const WORD_JOINER = 0x1f;

/** A growable list of bucket ids, reused between calls. */
export class HashBuffer {
  data = new Int32Array(256);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Finaliser from MurmurHash3: spreads FNV's weak low bits before masking. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function step(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193);
}

function isHangul(c: number): boolean {
  return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3131 && c <= 0x318e) || (c >= 0x1100 && c <= 0x11ff);
}

// ASCII punctuation separates words ('<' and '>' stay, so the <url> token survives).
function isWordSeparator(c: number): boolean {
  if (c <= 0x20) return true;
  if (c >= 0x21 && c <= 0x2f) return true;
  if (c >= 0x3a && c <= 0x40) return c !== 0x3c && c !== 0x3e;
  if (c >= 0x5b && c <= 0x60) return true;
  return c >= 0x7b && c <= 0x7e;
}

// Scratch for the space-free character sequence and word offsets; grows as needed.
let units = new Uint16Array(512);
let wordBounds = new Int32Array(256);

/** Appends the hashed bucket of every feature of an already-normalised text to `out`. */
export function hashFeatures(normalized: string, config: FeatureConfig, out: HashBuffer): void {
  out.length = 0;
  const mask = (1 << config.hashBits) - 1;
  const n = normalized.length;
  if (units.length < n + 2) units = new Uint16Array(2 * n + 2);
  let len = 0;
  units[len++] = BOUNDARY_START;
  for (let i = 0; i < n; i++) {
    const c = normalized.charCodeAt(i);
    // normalize() leaves single spaces only. One next to Hangul is dropped (Korean spacing is
    // unreliable); one between Latin words is kept (English word boundaries carry meaning).
    if (c === 0x20 && (isHangul(units[len - 1]!) || isHangul(normalized.charCodeAt(i + 1)))) continue;
    units[len++] = c;
  }
  units[len++] = BOUNDARY_END;
  const hangulMax = config.hangulCharMax ?? config.charMax;
  for (let start = 0; start < len; start++) {
    let h = SEED_CHAR;
    let hangul = false;
    const stop = Math.min(len, start + config.charMax);
    for (let end = start; end < stop; end++) {
      h = step(h, units[end]!);
      const size = end - start + 1;
      hangul ||= isHangul(units[end]!);
      if (hangul && size > hangulMax) break;
      // Single ASCII letters and lone boundary markers say nothing; single Hangul syllables do.
      if (size >= config.charMin && !(size === 1 && units[start]! < 0x80)) {
        out.push(mix(Math.imul(h, size + 1)) & mask);
      }
    }
  }
  if (config.wordNgrams > 0) hashWords(normalized, config, mask, out);
}

function hashWords(s: string, config: FeatureConfig, mask: number, out: HashBuffer): void {
  let words = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && isWordSeparator(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const begin = i;
    while (i < n && !isWordSeparator(s.charCodeAt(i))) i++;
    if (wordBounds.length < 2 * words + 2) {
      const grown = new Int32Array(wordBounds.length * 2);
      grown.set(wordBounds);
      wordBounds = grown;
    }
    wordBounds[2 * words] = begin;
    wordBounds[2 * words + 1] = i;
    words++;
  }
  for (let w = 0; w < words; w++) {
    const begin = wordBounds[2 * w]!;
    const end = wordBounds[2 * w + 1]!;
    out.push(mix(isLatinWord(s, begin, end) ? hashString(stem(s.slice(begin, end)), SEED_WORD) : hashRange(s, SEED_WORD, begin, end)) & mask);
    if (config.wordNgrams >= 2 && w + 1 < words) {
      let b = hashRange(s, SEED_BIGRAM, wordBounds[2 * w]!, wordBounds[2 * w + 1]!);
      b = step(b, WORD_JOINER);
      b = hashRange(s, b, wordBounds[2 * w + 2]!, wordBounds[2 * w + 3]!);
      out.push(mix(b) & mask);
    }
  }
}

// English word unigrams are Porter-stemmed ("transfers" = "transfer"); bigrams keep the words.
function isLatinWord(s: string, begin: number, end: number): boolean {
  if (end - begin < 4) return false;
  for (let i = begin; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

function hashString(s: string, seed: number): number {
  return hashRange(s, seed, 0, s.length);
}

function hashRange(s: string, seed: number, begin: number, end: number): number {
  let h = seed;
  for (let i = begin; i < end; i++) h = step(h, s.charCodeAt(i));
  return h;
}

/** A sparse vector in reusable typed arrays; `length` entries are valid. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
  length: number;
}

/** The fitted part of the featuriser: which buckets have columns, and their idf weights. */
export interface Vocabulary {
  readonly config: FeatureConfig;
  /** Sorted bucket ids; column i belongs to buckets[i]. */
  readonly buckets: Int32Array;
  readonly idf: Float32Array;
}

export function fitVocabulary(texts: readonly string[], config: FeatureConfig = DEFAULT_FEATURES): Vocabulary {
  const size = 1 << config.hashBits;
  const df = new Int32Array(size);
  const lastDoc = new Int32Array(size).fill(-1);
  const buffer = new HashBuffer();
  texts.forEach((text, doc) => {
    hashFeatures(normalize(text), config, buffer);
    for (let i = 0; i < buffer.length; i++) {
      const b = buffer.data[i]!;
      if (lastDoc[b] !== doc) {
        lastDoc[b] = doc;
        df[b]!++;
      }
    }
  });
  let count = 0;
  for (let b = 0; b < size; b++) if (df[b]! >= config.minDf) count++;
  const buckets = new Int32Array(count);
  const idf = new Float32Array(count);
  const n = texts.length;
  for (let b = 0, col = 0; b < size; b++) {
    if (df[b]! < config.minDf) continue;
    buckets[col] = b;
    // Smoothed idf (as in scikit-learn): every column keeps a positive weight.
    idf[col] = Math.log((1 + n) / (1 + df[b]!)) + 1;
    col++;
  }
  return { config, buckets, idf };
}

/**
 * Only the start of a very long message is classified: the request is stated early, and a
 * 100 KB paste must not cost a worker most of a second.
 */
export const MAX_CHARS = 2000;

/** Turns texts into L2-normalised, sublinear tf-idf vectors over a fitted vocabulary. */
export class Vectorizer {
  readonly columns: number;
  private readonly columnOf: Int32Array;
  private readonly counts: Float32Array;
  private readonly hashes = new HashBuffer();
  private readonly scratch: SparseVector = { indices: new Int32Array(256), values: new Float32Array(256), length: 0 };

  constructor(readonly vocabulary: Vocabulary) {
    this.columns = vocabulary.buckets.length;
    this.columnOf = new Int32Array(1 << vocabulary.config.hashBits).fill(-1);
    vocabulary.buckets.forEach((bucket, col) => {
      this.columnOf[bucket] = col;
    });
    this.counts = new Float32Array(this.columns);
  }

  /** The vector for `text`, in buffers that the next call overwrites. */
  transform(text: string): SparseVector {
    hashFeatures(normalize(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text), this.vocabulary.config, this.hashes);
    const out = this.scratch;
    if (out.indices.length < this.hashes.length) {
      out.indices = new Int32Array(this.hashes.data.length);
      out.values = new Float32Array(this.hashes.data.length);
    }
    let len = 0;
    for (let i = 0; i < this.hashes.length; i++) {
      const col = this.columnOf[this.hashes.data[i]!]!;
      if (col < 0) continue;
      if (this.counts[col] === 0) out.indices[len++] = col;
      this.counts[col]!++;
    }
    let norm = 0;
    for (let i = 0; i < len; i++) {
      const col = out.indices[i]!;
      const v = (1 + Math.log(this.counts[col]!)) * this.vocabulary.idf[col]!;
      this.counts[col] = 0;
      out.values[i] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < len; i++) out.values[i]! *= scale;
    out.length = len;
    return out;
  }
}

/** Many vectors in one compressed-sparse-row block (for training). */
export interface SparseMatrix {
  readonly rows: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export function transformAll(vectorizer: Vectorizer, texts: readonly string[]): SparseMatrix {
  const offsets = new Int32Array(texts.length + 1);
  let indices = new Int32Array(texts.length * 64);
  let values = new Float32Array(texts.length * 64);
  let used = 0;
  texts.forEach((text, row) => {
    const v = vectorizer.transform(text);
    if (used + v.length > indices.length) {
      const capacity = Math.max(2 * indices.length, used + v.length);
      const i2 = new Int32Array(capacity);
      i2.set(indices.subarray(0, used));
      const v2 = new Float32Array(capacity);
      v2.set(values.subarray(0, used));
      indices = i2;
      values = v2;
    }
    indices.set(v.indices.subarray(0, v.length), used);
    values.set(v.values.subarray(0, v.length), used);
    used += v.length;
    offsets[row + 1] = used;
  });
  return { rows: texts.length, offsets, indices: indices.slice(0, used), values: values.slice(0, used) };
}
