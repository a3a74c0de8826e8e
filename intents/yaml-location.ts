// Maps a field path (as zod reports it) back to a line in the YAML source, so catalog errors
// can say "file:line". A path that does not exist (a missing field) points at the nearest
// enclosing node that does.
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type FieldPath = readonly PropertyKey[];

/** `['examples', 'ko', 3]` → `examples.ko[3]`. */
export function formatPath(path: FieldPath): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? String(seg) : `.${String(seg)}`)).join('');
}

function keyOf(pair: unknown): unknown {
  if (!isPair(pair)) return undefined;
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

/**
 * The offset of the deepest node on `path`. With `asKey`, the last segment names a map key and
 * the offset is that key's (used for unknown fields, whose value is not the problem).
 */
function offsetOf(doc: Document, path: FieldPath, asKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(keyOf(p)) === String(seg));
      if (!pair) break;
      if (asKey && i === path.length - 1) return (pair.key as Node | null)?.range?.[0] ?? offset;
      next = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    const range = (next as Node | null | undefined)?.range;
    if (!range) break;
    node = next;
    offset = range[0];
  }
  return offset;
}

/** 1-based line of the field at `path` (or of its nearest existing parent). */
export function lineOf(doc: Document, counter: LineCounter, path: FieldPath, asKey = false): number {
  return counter.linePos(offsetOf(doc, path, asKey)).line;
}
