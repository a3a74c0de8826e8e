// Incremental topic clustering of the messages the catalog does not answer well. Each message
// costs O(1) on average: LSH_BANDS hash lookups find candidate clusters, and each candidate is
// compared against at most MAX_REPS representative signatures. A cluster keeps a few diverse
// representatives (a member becomes one only when no existing one is close to it), so variants
// written from different templates stay reachable without keeping every member. Two clusters a
// message matches both are merged (union by reference), so a topic written many ways becomes one.
import { bandKeys, similarity, type Signature } from './minhash';

/** Representatives kept per cluster. */
export const MAX_REPS = 64;
/** A member this close to an existing representative adds nothing new. */
const NOVELTY = 0.6;

export interface Cluster {
  readonly id: number;
  /** Clusters merged into another forward to it. */
  mergedInto?: number;
  readonly reps: Signature[];
  readonly bandKeys: Set<string>;
  size: number;
  lastMinute: number;
}

export class TopicClusters {
  private nextId = 1;
  private readonly clusters = new Map<number, Cluster>();
  /** LSH band key → cluster id (the latest to claim it). */
  private readonly buckets = new Map<string, number>();

  /**
   * @param joinThreshold estimated Jaccard similarity to a representative needed to join a cluster
   * @param onMerge told when cluster `from` is folded into `into`, so per-cluster tallies follow
   */
  constructor(
    private readonly joinThreshold: number,
    private readonly onMerge: (from: number, into: number) => void = () => undefined,
  ) {}

  /** Adds one message's signature; returns the id of the cluster it joined or founded. */
  add(sig: Signature, minute: number): number {
    const keys = bandKeys(sig);
    const candidates = new Set<number>();
    for (const key of keys) {
      const id = this.buckets.get(key);
      if (id !== undefined) candidates.add(this.resolve(id).id);
    }
    let best: { cluster: Cluster; score: number } | undefined;
    const matched: { cluster: Cluster; score: number }[] = [];
    for (const id of candidates) {
      const cluster = this.clusters.get(id)!;
      const score = bestSimilarity(sig, cluster.reps);
      if (score >= this.joinThreshold) {
        matched.push({ cluster, score });
        if (!best || score > best.score) best = { cluster, score };
      }
    }
    let home: Cluster;
    if (!best) {
      home = { id: this.nextId++, reps: [], bandKeys: new Set(), size: 0, lastMinute: minute };
      this.clusters.set(home.id, home);
    } else {
      home = best.cluster;
      for (const other of matched) if (other.cluster !== home) this.merge(other.cluster, home);
    }
    home.size += 1;
    home.lastMinute = minute;
    if (!best || (best.score < NOVELTY && home.reps.length < MAX_REPS)) {
      home.reps.push(sig);
      for (const key of keys) {
        this.buckets.set(key, home.id);
        home.bandKeys.add(key);
      }
    }
    return home.id;
  }

  /** The live cluster an id refers to (following merges). */
  resolve(id: number): Cluster {
    let cluster = this.clusters.get(id);
    if (!cluster) throw new RangeError(`no cluster ${id}`);
    while (cluster.mergedInto !== undefined) cluster = this.clusters.get(cluster.mergedInto)!;
    return cluster;
  }

  get(id: number): Cluster | undefined {
    return this.clusters.has(id) ? this.resolve(id) : undefined;
  }

  /** Forgets clusters not joined since `minute` (they left the window), and their band keys. */
  prune(beforeMinute: number): number[] {
    const dropped: number[] = [];
    for (const cluster of this.clusters.values()) {
      const live = this.resolve(cluster.id);
      if (live.lastMinute >= beforeMinute) continue;
      dropped.push(cluster.id);
    }
    for (const id of dropped) {
      const cluster = this.clusters.get(id)!;
      for (const key of cluster.bandKeys) if (this.buckets.get(key) === id) this.buckets.delete(key);
      this.clusters.delete(id);
    }
    return dropped;
  }

  get size(): number {
    return this.clusters.size;
  }

  private merge(from: Cluster, into: Cluster): void {
    from.mergedInto = into.id;
    into.size += from.size;
    for (const rep of from.reps) if (into.reps.length < MAX_REPS) into.reps.push(rep);
    for (const key of from.bandKeys) {
      this.buckets.set(key, into.id);
      into.bandKeys.add(key);
    }
    from.bandKeys.clear();
    from.reps.length = 0;
    this.onMerge(from.id, into.id);
  }
}

export function bestSimilarity(sig: Signature, reps: readonly Signature[]): number {
  let best = 0;
  for (const rep of reps) {
    const s = similarity(sig, rep);
    if (s > best) best = s;
  }
  return best;
}
