/**
 * Nearest-neighbour search over chunk vectors with hnswlib-node (cosine space). Labels are chunk
 * positions in the snapshot's chunk list, so no separate id map is needed.
 */
import hnswlib from "hnswlib-node";

const { HierarchicalNSW } = hnswlib;
// Breadth of the graph search: 64 keeps recall high for the few candidates fusion needs.
const SEARCH_EF = 64;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export interface VectorHit {
  index: number;
  /** Cosine similarity, 1 = same direction. */
  similarity: number;
}

export class VectorIndex {
  private constructor(
    private readonly hnsw: Hnsw,
    readonly dimensions: number,
    readonly size: number,
  ) {}

  static build(vectors: number[][], dimensions: number): VectorIndex {
    const hnsw = new HierarchicalNSW("cosine", dimensions);
    hnsw.initIndex(Math.max(vectors.length, 1), 16, 200, 100);
    vectors.forEach((vector, label) => hnsw.addPoint(vector, label));
    hnsw.setEf(SEARCH_EF);
    return new VectorIndex(hnsw, dimensions, vectors.length);
  }

  static load(file: string, dimensions: number, size: number): VectorIndex {
    const hnsw = new HierarchicalNSW("cosine", dimensions);
    hnsw.readIndexSync(file, true);
    hnsw.setEf(SEARCH_EF);
    return new VectorIndex(hnsw, dimensions, size);
  }

  save(file: string): void {
    this.hnsw.writeIndexSync(file);
  }

  search(vector: number[], limit: number): VectorHit[] {
    if (this.size === 0) return [];
    const k = Math.min(limit, this.size);
    const result = this.hnsw.searchKnn(vector, k);
    return result.neighbors.map((index, i) => ({ index, similarity: 1 - result.distances[i]! }));
  }
}
