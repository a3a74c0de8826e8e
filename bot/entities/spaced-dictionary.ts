// A dictionary matcher that ignores spacing: "가족 관계 증명서", "가족관계증명서" and
// "가족관계 증명서" all match the term 가족관계증명서. Korean on social media is spaced loosely,
// so terms are stored without spaces and up to two whitespace characters may sit between any
// two letters of the text. Scanning is one trie walk per start position: linear in practice.

interface TrieNode<V> {
  readonly next: Map<string, TrieNode<V>>;
  values?: V[];
}

export interface DictionaryMatch<V> {
  readonly start: number;
  readonly end: number;
  /** Every dictionary value stored under the matched term (several for homonyms like 중구). */
  readonly values: readonly V[];
}

/** Decides whether a candidate match stands, e.g. a short stem must end at a word boundary. */
export type AcceptMatch<V> = (text: string, match: DictionaryMatch<V>) => boolean;

const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
const MAX_GAP = 2;

export class SpacedDictionary<V> {
  private readonly root: TrieNode<V> = { next: new Map() };

  constructor(entries: Iterable<readonly [term: string, value: V]>) {
    for (const [term, value] of entries) this.add(term, value);
  }

  private add(term: string, value: V): void {
    let node = this.root;
    for (const ch of term.replace(/\s+/g, '')) {
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    (node.values ??= []).push(value);
  }

  /** Leftmost-longest matches that `accept` keeps, without overlaps. */
  findAll(text: string, accept: AcceptMatch<V> = () => true): DictionaryMatch<V>[] {
    const out: DictionaryMatch<V>[] = [];
    let i = 0;
    while (i < text.length) {
      const match = this.longestAt(text, i, accept);
      if (match) {
        out.push(match);
        i = match.end;
      } else {
        i += 1;
      }
    }
    return out;
  }

  private longestAt(text: string, start: number, accept: AcceptMatch<V>): DictionaryMatch<V> | undefined {
    let node = this.root.next.get(text[start] ?? '');
    if (!node) return undefined;
    // Terminals along the path, longest last; the longest one accept() keeps wins.
    const ends: { end: number; values: V[] }[] = [];
    let i = start + 1;
    for (;;) {
      if (node.values) ends.push({ end: i, values: node.values });
      let j = i;
      while (j < text.length && j - i < MAX_GAP && isSpace(text[j] ?? '')) j += 1;
      const child: TrieNode<V> | undefined = node.next.get(text[j] ?? '');
      if (!child || j >= text.length) break;
      node = child;
      i = j + 1;
    }
    for (let k = ends.length - 1; k >= 0; k--) {
      const e = ends[k];
      if (!e) continue;
      const match = { start, end: e.end, values: e.values };
      if (accept(text, match)) return match;
    }
    return undefined;
  }
}
