// The model file: versioned JSON with the typed arrays stored as base64 (little-endian; the
// weights are already 8-bit), so a CLINC-sized model loads with one JSON.parse and a few copies. The version
// ('m-' + 12 hex of a SHA-256 over the model's content) names the model in decisions and is
// checked on load, so a truncated or edited file is refused rather than half-used.
import { createHash } from 'node:crypto';
import type { ModelParts } from './classifier-model';
import { LinearIntentModel } from './classifier-model';
import type { FeatureConfig } from './features';
import type { Thresholds } from './model-types';

export const MODEL_FORMAT = 'sotong-intent-model';
export const MODEL_FORMAT_VERSION = 1;

interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: number;
  readonly version: string;
  readonly intents: readonly string[];
  readonly temperature: number;
  readonly thresholds: Thresholds;
  readonly features: FeatureConfig;
  readonly classes: number;
  readonly columns: number;
  /** base64 of Int32Array / Float32Array bytes. */
  readonly buckets: string;
  readonly idf: string;
  /** Int8, columns × classes; weight = value · scales[column]. */
  readonly weights: string;
  readonly scales: string;
  readonly bias: string;
}

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

type Typed = Int32Array | Float32Array | Int8Array;

function bytes(a: Typed): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** The content hash: everything that changes a prediction, nothing that does not. */
export function modelVersion(parts: ModelParts): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      format: MODEL_FORMAT_VERSION,
      intents: parts.intents,
      temperature: parts.temperature,
      thresholds: parts.thresholds,
      features: parts.vocabulary.config,
      classes: parts.weights.classes,
    }),
  );
  for (const a of [parts.vocabulary.buckets, parts.vocabulary.idf, parts.weights.weights, parts.weights.scales, parts.weights.bias]) {
    hash.update(bytes(a));
  }
  return `m-${hash.digest('hex').slice(0, 12)}`;
}

export function serializeModel(model: LinearIntentModel): string {
  const { parts } = model;
  const file: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    version: model.version,
    intents: parts.intents,
    temperature: parts.temperature,
    thresholds: parts.thresholds,
    features: parts.vocabulary.config,
    classes: parts.weights.classes,
    columns: parts.weights.columns,
    buckets: bytes(parts.vocabulary.buckets).toString('base64'),
    idf: bytes(parts.vocabulary.idf).toString('base64'),
    weights: bytes(parts.weights.weights).toString('base64'),
    scales: bytes(parts.weights.scales).toString('base64'),
    bias: bytes(parts.weights.bias).toString('base64'),
  };
  return JSON.stringify(file);
}

export function loadModel(json: string): LinearIntentModel {
  let file: ModelFile;
  try {
    file = JSON.parse(json) as ModelFile;
  } catch (cause) {
    throw new ModelFileError(`model file is not valid JSON (${(cause as Error).message})`, { cause });
  }
  if (file?.format !== MODEL_FORMAT) throw new ModelFileError(`not a Sotong intent model (format ${JSON.stringify(file?.format)})`);
  if (file.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(`model format version ${file.formatVersion} is not supported (expected ${MODEL_FORMAT_VERSION})`);
  }
  const { classes, columns } = file;
  const parts: ModelParts = {
    intents: file.intents,
    temperature: file.temperature,
    thresholds: file.thresholds,
    vocabulary: {
      config: file.features,
      buckets: decode(file.buckets, Int32Array, columns, 'buckets'),
      idf: decode(file.idf, Float32Array, columns, 'idf'),
    },
    weights: {
      classes,
      columns,
      weights: decode(file.weights, Int8Array, columns * classes, 'weights'),
      scales: decode(file.scales, Float32Array, columns, 'scales'),
      bias: decode(file.bias, Float32Array, classes, 'bias'),
    },
  };
  const version = modelVersion(parts);
  if (version !== file.version) {
    throw new ModelFileError(`model content does not match its version (file says ${file.version}, content is ${version})`);
  }
  return new LinearIntentModel(parts, version);
}

function decode<T extends Typed>(base64: string, Type: { new (buffer: ArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }, length: number, field: string): T {
  if (typeof base64 !== 'string') throw new ModelFileError(`model file field "${field}" is missing`);
  const buf = Buffer.from(base64, 'base64');
  if (buf.byteLength !== length * Type.BYTES_PER_ELEMENT) {
    throw new ModelFileError(`model file field "${field}" has ${buf.byteLength} bytes, expected ${length * Type.BYTES_PER_ELEMENT}`);
  }
  // Copy into a fresh, aligned buffer: Buffer.from may hand back a slice of a shared pool.
  const aligned = new ArrayBuffer(buf.byteLength);
  new Uint8Array(aligned).set(buf);
  return new Type(aligned);
}
